// fallible_counter: a counter whose increment can panic after incrementing (the panic reverts it).
import { argChecked, argUnit, panic, retI64, retUnit } from '../sdk';
export { A } from '../sdk';

const VALUE: usize = memory.data<i64>([0xfc]);

export function read_value(arg_len: u32): u32 {
  argUnit(arg_len);
  return retI64(load<i64>(VALUE));
}

/** Argument: `bool`, whether to panic after incrementing. */
export function increment(arg_len: u32): u32 {
  const fail = load<u8>(argChecked(arg_len, 'b')) != 0;
  store<i64>(VALUE, load<i64>(VALUE) + 1);
  if (fail) panic('Incremental panic');
  return retUnit();
}
