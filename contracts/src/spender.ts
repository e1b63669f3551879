// spender: reports gas limit and spent values around a self call, and burns its whole limit by
// panicking in `spend`. SPEND-6 runs `get_limit_and_spent` with 10 000 gas in all, so it stays lean.
import {
  A,
  argUnit,
  callNamed,
  caller,
  done,
  expect,
  fnName,
  limit,
  panic,
  selfId,
  spent,
} from '../sdk';
export { A } from '../sdk';

/** Archived `(u64, u64, u64, u64, u64)`: five u64 LE in declaration order. */
function retFive(a: u64, b: u64, c: u64, d: u64, e: u64): u32 {
  store<u64>(A, a);
  store<u64>(A, b, 8);
  store<u64>(A, c, 16);
  store<u64>(A, d, 24);
  store<u64>(A, e, 32);
  return done(40);
}

export function get_limit_and_spent(arg_len: u32): u32 {
  argUnit(arg_len);
  // Encoded before `spent()`: Rust's name is a static byte string, free at call time.
  const name = fnName('get_limit_and_spent');
  const self = selfId();
  const lim = limit();
  const before = spent();
  if (caller() !== null) return retFive(lim, before, 0, 0, 0);
  // Called by the host: call ourselves and report what the nested frame saw.
  const r = expect(callNamed(self, name, 0, '(88888)', 0), 'Self query should succeed');
  const calledLimit = load<u64>(r.addr);
  const calledSpent = load<u64>(r.addr, 8);
  const after = spent();
  return retFive(lim, before, after, calledLimit, calledSpent);
}

export function spend(arg_len: u32): u32 {
  argUnit(arg_len);
  panic('I like spending');
  return unreachable();
}
