// double_counter: two i64 counters (0xfc, 0xcf); also the migration target of counter.
import {
  A,
  argUnchecked,
  argUnit,
  call,
  ContractId,
  done,
  ret,
  retUnit,
  vResult,
  vUnit,
} from '../sdk';
export { A } from '../sdk';

const LEFT: usize = memory.data<i64>([0xfc, 0xcf]);
const RIGHT: usize = LEFT + 8;

export function read_values(arg_len: u32): u32 {
  argUnit(arg_len);
  // Archived (i64, i64): both values LE, in order.
  store<i64>(A, load<i64>(LEFT));
  store<i64>(A, load<i64>(RIGHT), 8);
  return done(16);
}

export function increment_left(arg_len: u32): u32 {
  argUnit(arg_len);
  store<i64>(LEFT, load<i64>(LEFT) + 1);
  return retUnit();
}

export function increment_right(arg_len: u32): u32 {
  argUnit(arg_len);
  store<i64>(RIGHT, load<i64>(RIGHT) + 1);
  return retUnit();
}

/** Unchecked in Rust. Increments first, so the increment survives a failing call. */
export function increment_left_and_call(arg_len: u32): u32 {
  const other = ContractId.at(argUnchecked(arg_len, 32));
  store<i64>(LEFT, load<i64>(LEFT) + 1);
  const r = call(other, 'hello', null, 'u');
  return ret(vResult(r.err, vUnit(), 'u'));
}
