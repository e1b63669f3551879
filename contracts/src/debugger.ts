// debugger: writes a line to the host's debug log.
import { argChecked, debug as hostDebug, retUnit, stringAt } from '../sdk';
export { A } from '../sdk';

export function debug(arg_len: u32): u32 {
  const s = stringAt(argChecked(arg_len, 's'));
  hostDebug('What a string! ' + s);
  return retUnit();
}
