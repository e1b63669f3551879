// initializer: a u8 statically 0x50 that `init` (run once at deploy) overwrites.
import { argChecked, argUnit, retU8, retUnit } from '../sdk';
export { A } from '../sdk';

const VALUE: usize = memory.data<u8>([0x50]);

export function init(arg_len: u32): u32 {
  store<u8>(VALUE, load<u8>(argChecked(arg_len, '1')));
  return retUnit();
}

export function read_value(arg_len: u32): u32 {
  argUnit(arg_len);
  return retU8(load<u8>(VALUE));
}

export function increment(arg_len: u32): u32 {
  argUnit(arg_len);
  store<u8>(VALUE, load<u8>(VALUE) + 1);
  return retUnit();
}
