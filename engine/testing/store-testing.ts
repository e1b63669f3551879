/**
 * Fixtures of the store tests (never imported by production code): temporary directories, the
 * counter contract (the built one when `npm run build:contracts` has run, a WAT port
 * otherwise) and a "pages" contract that writes pseudo-random words into chosen pages, so that
 * tests and measurements control how many pages a commit changes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractId } from '../core/ids';
import { t } from '../rkyv';
import { contractWat, wat } from './wat';
import type { Session } from '../vm/session';

export const OWNER = new Uint8Array(32);
export const GAS = 100_000_000n;

const BUILD = fileURLToPath(new URL('../../contracts/build/', import.meta.url));

export function builtContract(name: string): Uint8Array | undefined {
  const path = `${BUILD}${name}.wasm`;
  return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}

export function tempDir(prefix = 'piecrust-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** piecrust's counter: an i64 starting at 0xfc; `increment`, `read_value`. */
export async function counterBytecode(): Promise<Uint8Array> {
  return (
    builtContract('counter') ??
    wat(
      contractWat(`
        (data (i32.const 65536) "\\fc\\00\\00\\00\\00\\00\\00\\00")
        (func (export "read_value") (param i32) (result i32)
          (i64.store (i32.const 0) (i64.load (i32.const 65536))) (i32.const 8))
        (func (export "increment") (param i32) (result i32)
          (i64.store (i32.const 65536) (i64.add (i64.load (i32.const 65536)) (i64.const 1))) (i32.const 0))`),
    )
  );
}

export function readCounter(s: Session, id: ContractId): bigint {
  return s.call(id, 'read_value', t.unit, null, t.i64, GAS).value;
}

export function increment(s: Session, id: ContractId): void {
  s.call(id, 'increment', t.unit, null, t.unit, GAS);
}

/** Data pages 1..16 (page 0 holds the argument buffer). */
export const PAGES = 16;

/** `fill(page, seed, words)`: `words` xorshift32 words at the start of `page`; `peek(page, word)`. */
export function pagesBytecode(): Promise<Uint8Array> {
  return wat(
    contractWat(
      `(func (export "fill") (param i32) (result i32) (local $p i32) (local $x i32) (local $n i32) (local $i i32)
        (local.set $p (i32.mul (i32.load (i32.const 0)) (i32.const 65536)))
        (local.set $x (i32.load (i32.const 4)))
        (local.set $n (i32.load (i32.const 8)))
        (block $done (loop $l
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
          (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
          (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
          (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (local.get $x))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (i32.const 0))
      (func (export "peek") (param i32) (result i32)
        (i32.store (i32.const 0)
          (i32.load (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 65536)) (i32.shl (i32.load (i32.const 4)) (i32.const 2)))))
        (i32.const 4))`,
      { memory: `(memory (export "memory") ${PAGES + 1})` },
    ),
  );
}

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0, true));
  return out;
}

/** Overwrite the first `words` words of `page` (1..PAGES) with a sequence from `seed` (≠ 0). */
export function fill(s: Session, id: ContractId, page: number, seed: number, words = 1024): void {
  s.callRaw(id, 'fill', u32s(page, seed || 1, words), GAS);
}

export function peek(s: Session, id: ContractId, page: number, word: number): number {
  const data = s.callRaw(id, 'peek', u32s(page, word), GAS).data;
  return new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
}

/** The first word `fill(page, seed)` writes. */
export function firstWord(seed: number): number {
  let x = seed || 1;
  x = (x ^ (x << 13)) >>> 0;
  x = (x ^ (x >>> 17)) >>> 0;
  x = (x ^ (x << 5)) >>> 0;
  return x;
}
