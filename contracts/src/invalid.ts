// invalid: exports a function that is not `(i32) -> i32`, which deploy must reject.
export { A } from '../sdk';

export function bad_function(x: i64): i64 {
  return x + 1;
}
