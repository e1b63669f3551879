/** Shared helpers of the scenario tests: built contracts, argument/result shortcuts, failures. */
import { readFileSync } from 'node:fs';
import { buildContracts } from '../build.mjs';
import { HostError } from './mock-host';
import { bytes, encode, Reader } from './rkyv';

/** Builds what is missing or stale; each test file calls it in `beforeAll`. */
export async function ensureBuilt(): Promise<void> {
  await buildContracts({ log: () => {} });
}

export const wasm = (name: string): Uint8Array =>
  readFileSync(new URL(`../build/${name}.wasm`, import.meta.url));
export const id = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
export const i64At = (data: Uint8Array): bigint =>
  new Reader(data).view.getBigInt64(data.length - 8, true);
export const u32At = (data: Uint8Array): number =>
  new Reader(data).view.getUint32(data.length - 4, true);
export const idArg = (x: Uint8Array): Uint8Array => encode(bytes(x));

/** Runs `f`, which must fail with a host error, and returns that error. */
export function failure(f: () => unknown): HostError {
  try {
    f();
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
