// uplink's `wrap_call` / `wrap_call_unchecked`, split in two halves since AssemblyScript has no
// closures: read the argument, then archive the result into `A` and return its length.
//
// Results that are plain numbers are stored directly: their archive is just the little-endian value,
// and skipping the serializer keeps the gas profile close to a Rust contract's.
import { checkTempHeap } from './alloc';
import { A } from './argbuf';
import { panic } from './panic';
import { checkError, checkRoot } from './rkyv/check';
import { toArgBuf, Value } from './rkyv/value';

/** Validates `A[0..argLen]` as `desc` (`check_archived_root`); returns the root's address. */
export function argChecked(argLen: u32, desc: string): usize {
  const root = checkRoot(desc, A, argLen);
  if (root < 0) panic('Argument should correctly deserialize: ' + checkError());
  return A + <usize>root;
}

/** `archived_root` without validation: the root sits at `len − size` (0 if shorter). */
export function argUnchecked(argLen: u32, size: u32): usize {
  return A + <usize>(argLen > size ? argLen - size : 0);
}

/** A `()` argument: any bytes are a valid archive of it, so there is nothing to check. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function argUnit(argLen: u32): void {}

/** Every result goes through here: the last moment to catch a temporary-heap overflow. */
export function done(len: u32): u32 {
  checkTempHeap();
  return len;
}

/** Archives the result into `A` from offset 0 and returns its length. */
export function ret(value: Value): u32 {
  return done(toArgBuf(value));
}

export function retUnit(): u32 {
  return done(0);
}

export function retBool(x: bool): u32 {
  store<u8>(A, x ? 1 : 0);
  return done(1);
}

export function retU8(x: u8): u32 {
  store<u8>(A, x);
  return done(1);
}

export function retI16(x: i16): u32 {
  store<i16>(A, x);
  return done(2);
}

export function retU32(x: u32): u32 {
  store<u32>(A, x);
  return done(4);
}

export function retI32(x: i32): u32 {
  store<i32>(A, x);
  return done(4);
}

export function retU64(x: u64): u32 {
  store<u64>(A, x);
  return done(8);
}

export function retI64(x: i64): u32 {
  store<i64>(A, x);
  return done(8);
}

export function retF64(x: f64): u32 {
  store<f64>(A, x);
  return done(8);
}

/** `[u8; N]` / `ContractId`: the bytes themselves. */
export function retBytes(ptr: usize, len: u32): u32 {
  memory.copy(A, ptr, len);
  return done(len);
}
