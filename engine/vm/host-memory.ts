/**
 * Pointer and length checks of the host functions (spec §3.2, `check_ptr` / `check_arg`):
 * bounds are the architecture's maximum memory (4 GiB / 4 TiB), not the current length, and
 * bytes past the current length read as zero. Failures trap the calling contract with
 * `MemoryAccessOutOfBounds` and the numbers.
 */
import { isUtf8 } from 'node:buffer';
import { PiecrustError } from '../core/errors';
import { ARGBUF_LEN, MAX_PAGES_32, MAX_PAGES_64, PAGE_SIZE } from './host-abi';
import type { LoadedContract } from './loaded-contract';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function maxMemoryBytes(contract: LoadedContract): number {
  return (contract.module.is64 ? MAX_PAGES_64 : MAX_PAGES_32) * PAGE_SIZE;
}

/** A pointer argument as a number: u32 for wasm32, u64 for wasm64 (beyond 2^53 is out of bounds anyway). */
export function pointer(value: number | bigint): number {
  if (typeof value === 'bigint') {
    const u = BigInt.asUintN(64, value);
    return u > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(u);
  }
  return value >>> 0;
}

export function outOfBounds(offset: number, len: number, memLen: number): PiecrustError {
  return new PiecrustError(
    'MemoryAccessOutOfBounds',
    `MemoryAccessOutOfBounds: offset ${offset}, len ${len}, memory ${memLen}`,
    { offset, len, memLen },
  );
}

export function checkPtr(contract: LoadedContract, offset: number, len: number): void {
  const max = maxMemoryBytes(contract);
  if (offset + len > max) throw outOfBounds(offset, len, max);
}

export function checkArg(contract: LoadedContract, len: number): void {
  const max = maxMemoryBytes(contract);
  if (len > ARGBUF_LEN || contract.module.argBuffer + len > max) {
    throw outOfBounds(
      contract.module.argBuffer,
      len,
      Math.min(max, contract.module.argBuffer + ARGBUF_LEN),
    );
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw utf8Error(bytes.length);
  }
}

/**
 * Names (of functions, host queries, metadata) and event topics longer than this are never
 * copied: a length is only checked against the maximum memory (4 GiB / 4 TiB), and copying that
 * much is work gas does not pay for (a 4 GiB name length took 13–48 s and 4.2 GB of memory).
 */
export const MAX_NAME_BYTES = 1 << 20;

/** Names the host is given (host queries, metadata) fit MAX_NAME_BYTES: contracts look them up. */
export function checkNameLength(what: string, name: string): void {
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_NAME_BYTES) {
    throw new PiecrustError(
      'InvalidInput',
      `a ${what} name of ${bytes} bytes is longer than the ${MAX_NAME_BYTES} bytes a name may have`,
      { bytes, max: MAX_NAME_BYTES },
    );
  }
}

function utf8Error(length: number): PiecrustError {
  return new PiecrustError('Utf8', 'Utf8', { length });
}

/**
 * A name argument: bounds-checked (`check_ptr`), its UTF-8 validated where it lies (in place;
 * past the memory's end it reads as zeros, which are valid UTF-8), and decoded only when it is
 * at most `longest` bytes. A longer one equals none of the names the caller can match it
 * against, so `undefined` is all there is to say: the lookup fails as piecrust's would.
 */
export function readName(
  contract: LoadedContract,
  ptr: number,
  len: number,
  longest = MAX_NAME_BYTES,
): string | undefined {
  checkPtr(contract, ptr, len);
  if (len <= longest) return decodeUtf8(contract.read(ptr, len));
  const view = contract.view();
  const inMemory =
    ptr < view.length ? view.subarray(ptr, Math.min(view.length, ptr + len)) : undefined;
  if (inMemory !== undefined && !isUtf8(inMemory)) throw utf8Error(len);
  return undefined;
}

/** A string argument the engine keeps (an event topic): at most MAX_NAME_BYTES. */
export function readString(contract: LoadedContract, ptr: number, len: number): string {
  const text = readName(contract, ptr, len);
  if (text === undefined) {
    throw new PiecrustError(
      'MemoryAccessOutOfBounds',
      `a string of ${len} bytes at offset ${ptr}: longer than the ${MAX_NAME_BYTES} bytes the engine keeps`,
      { offset: ptr, len, max: MAX_NAME_BYTES },
    );
  }
  return text;
}

/** The first `len` bytes of the argument buffer. */
export function readArg(contract: LoadedContract, len: number): Uint8Array {
  checkArg(contract, len);
  return contract.read(contract.module.argBuffer, len);
}
