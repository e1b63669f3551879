// fibonacci: the naive recursion, nth(0) = nth(1) = 1.
import { argChecked, retU64 } from '../sdk';
export { A } from '../sdk';

function fib(n: u32): u64 {
  return n < 2 ? 1 : fib(n - 1) + fib(n - 2);
}

export function nth(arg_len: u32): u32 {
  return retU64(fib(load<u32>(argChecked(arg_len, '4'))));
}
