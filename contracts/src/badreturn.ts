// badreturn: misbehaves at the ABI boundary. `garbage_value` returns bytes that are no valid `bool`
// archive; `raw_return_len` returns whatever length its argument says.
import { A, argUnit, retBool, retU32 } from '../sdk';
export { A } from '../sdk';

const COUNTER: usize = memory.data<u32>([72]);
const GARBAGE: usize = memory.data<u8>([
  0xde, 0xad, 0xbe, 0xef, 0xca, 0xfe, 0xba, 0xd0, 0xff, 0xff, 0xff, 0xff, 0x99, 0x99, 0x99, 0x99,
]);

export function valid_bool(arg_len: u32): u32 {
  argUnit(arg_len);
  return retBool(true);
}

export function counter(arg_len: u32): u32 {
  argUnit(arg_len);
  return retU32(load<u32>(COUNTER));
}

export function garbage_value(arg_len: u32): u32 {
  memory.copy(A, GARBAGE, 16);
  return 16;
}

export function raw_return_len(arg_len: u32): i32 {
  store<u32>(COUNTER, load<u32>(COUNTER) + 1);
  return load<i32>(A);
}
