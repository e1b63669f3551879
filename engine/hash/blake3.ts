/**
 * BLAKE3, the hash of piecrust's Merkle trees and contract ids. Large inputs (pages, bytecode)
 * go to the native `@napi-rs/blake-hash` addon (~9 µs per 64 KiB page here) or, where the addon
 * cannot load, to `hash-wasm` (initialised by `initHashing`, which `createVm` awaits). Inputs of
 * up to one chunk, i.e. every Merkle node, use the TypeScript implementation in blake3-small.ts.
 */
import { createRequire } from 'node:module';
import { blake3Small, CHUNK_LEN } from './blake3-small';

type Hasher = (data: Uint8Array) => Uint8Array;

let large: Hasher | undefined;
let implementation = 'none';

function loadNative(): Hasher | undefined {
  try {
    const load = createRequire(import.meta.url);
    const addon = load('@napi-rs/blake-hash') as { blake3(data: Uint8Array): Uint8Array };
    addon.blake3(new Uint8Array(1));
    return (data) => {
      const digest = addon.blake3(data);
      return new Uint8Array(digest.buffer, digest.byteOffset, 32);
    };
  } catch {
    return undefined;
  }
}

large = loadNative();
if (large !== undefined) implementation = 'native';

/** Make the large-input hasher available; a no-op when the native addon loaded. */
export async function initHashing(): Promise<string> {
  if (large !== undefined) return implementation;
  const { createBLAKE3 } = await import('hash-wasm');
  const hasher = await createBLAKE3();
  large = (data) => hasher.init().update(data).digest('binary');
  implementation = 'hash-wasm';
  return implementation;
}

export function hashingImplementation(): string {
  return implementation;
}

/** BLAKE3-256 of `data`. */
export function blake3(data: Uint8Array): Uint8Array {
  if (data.length <= CHUNK_LEN) return blake3Small(data);
  if (large === undefined) {
    throw new Error(`no BLAKE3 implementation for ${data.length} bytes: await initHashing() first`);
  }
  return large(data);
}

export { blake3Small };
