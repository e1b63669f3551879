// counter: an i64 starting at 0xfc. Both exports are unchecked in Rust (`()` arguments).
import { argUnit, retI64, retUnit } from '../sdk';
export { A } from '../sdk';

const VALUE: usize = memory.data<i64>([0xfc]);

export function read_value(arg_len: u32): u32 {
  argUnit(arg_len);
  return retI64(load<i64>(VALUE));
}

export function increment(arg_len: u32): u32 {
  argUnit(arg_len);
  store<i64>(VALUE, load<i64>(VALUE) + 1);
  return retUnit();
}
