// eventer: emits events; `emit_and_mutate` also stores the value so a revert is observable.
import {
  argChecked,
  argUnit,
  done,
  emit,
  emitRaw,
  retU32,
  retUnit,
  spent,
  vecAt,
  vU32,
  vVecU8Of,
  A,
} from '../sdk';
export { A } from '../sdk';

const VALUE: usize = memory.data<u32>([0]);
const SCRATCH: usize = memory.data(4, 4);

/** Argument: `u32` n; emits "number" with rkyv `i: u32` for i in 0..n. */
export function emit_events(arg_len: u32): u32 {
  const n = load<u32>(argChecked(arg_len, '4'));
  for (let i: u32 = 0; i < n; i++) emit('number', vU32(i));
  return retUnit();
}

/** Same data through `emit_raw` with `i.to_le_bytes()`. */
export function emit_events_raw(arg_len: u32): u32 {
  const n = load<u32>(argChecked(arg_len, '4'));
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(SCRATCH, i);
    emitRaw('number', SCRATCH, 4);
  }
  return retUnit();
}

/** Argument: `Vec<u8>`. Result: `(u64, u64)`, `spent()` before and after emitting the input. */
export function emit_input(arg_len: u32): u32 {
  const input = vecAt(argChecked(arg_len, 'v1')).toBuffer();
  const before = spent();
  emit('input', vVecU8Of(input));
  const after = spent();
  store<u64>(A, before);
  store<u64>(A, after, 8);
  return done(16);
}

export function emit_and_mutate(arg_len: u32): u32 {
  const value = load<u32>(argChecked(arg_len, '4'));
  emit('number', vU32(value));
  store<u32>(VALUE, value);
  return retUnit();
}

export function read_value(arg_len: u32): u32 {
  argUnit(arg_len);
  return retU32(load<u32>(VALUE));
}
