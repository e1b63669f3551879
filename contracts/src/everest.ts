// everest: reads the session metadata item "height" (a u64).
import { argUnit, metaData, ret, vNone, vSome, vU64 } from '../sdk';
export { A } from '../sdk';

export function get_height(arg_len: u32): u32 {
  argUnit(arg_len);
  const height = metaData('height', '8');
  return ret(height == 0 ? vNone('8') : vSome(vU64(load<u64>(height))));
}
