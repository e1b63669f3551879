/**
 * Pointer and length checks of the host functions (spec §3.2, `check_ptr` / `check_arg`):
 * bounds are the architecture's maximum memory (4 GiB / 4 TiB), not the current length, and
 * bytes past the current length read as zero. Failures trap the calling contract with
 * `MemoryAccessOutOfBounds` and the numbers.
 */
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
    throw new PiecrustError('Utf8', 'Utf8', { length: bytes.length });
  }
}

/** Read a string argument (name, topic): bounds-checked, UTF-8 validated. */
export function readString(contract: LoadedContract, ptr: number, len: number): string {
  checkPtr(contract, ptr, len);
  return decodeUtf8(contract.read(ptr, len));
}

/** The first `len` bytes of the argument buffer. */
export function readArg(contract: LoadedContract, len: number): Uint8Array {
  checkArg(contract, len);
  return contract.read(contract.module.argBuffer, len);
}
