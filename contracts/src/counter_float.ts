// counter_float: an f64 starting at 252.0.
import { argUnit, retF64, retUnit } from '../sdk';
export { A } from '../sdk';

const VALUE: usize = memory.data<f64>([252.0]);

/** Unchecked in Rust; a `()` argument needs no check anyway. */
export function read_value(arg_len: u32): u32 {
  argUnit(arg_len);
  return retF64(load<f64>(VALUE));
}

export function increment(arg_len: u32): u32 {
  argUnit(arg_len);
  store<f64>(VALUE, load<f64>(VALUE) + 1.0);
  return retUnit();
}
