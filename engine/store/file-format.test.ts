import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { decodeRecord, encodeRecord, RecordKind } from './file-format';
import {
  encodeSlot,
  FORMAT_VERSION,
  LOG_START,
  readSuperblock,
  slotOffset,
  type Superblock,
} from './superblock';
import { tempDir } from '../testing/store-testing';

function roundTrip(
  kind: RecordKind,
  key: Uint8Array,
  body: Uint8Array,
): { stored: number; back: Uint8Array } {
  const bytes = encodeRecord(kind, key, body);
  const record = decodeRecord(bytes, 4096);
  expect(record.kind).toBe(kind);
  expect(record.key).toEqual(key);
  expect(record.length).toBe(bytes.length);
  return { stored: bytes.length, back: record.body };
}

describe('log records', () => {
  test('pages: mostly-zero pages deflate, random ones are kept raw', () => {
    const sparse = new Uint8Array(65536);
    sparse.set([1, 2, 3], 100);
    const a = roundTrip(RecordKind.Page, new Uint8Array(32).fill(7), sparse);
    expect(a.back).toEqual(sparse);
    expect(a.stored).toBeLessThan(1024);
    const random = new Uint8Array(65536).map(() => Math.floor(Math.random() * 256));
    const b = roundTrip(RecordKind.Page, new Uint8Array(32).fill(8), random);
    expect(b.back).toEqual(random);
    expect(b.stored).toBe(16 + 32 + 65536);
  });

  test('Merkle nodes keep only their non-zero children behind a bitmap', () => {
    const node = new Uint8Array(16 * 32);
    node.fill(9, 3 * 32, 4 * 32);
    node.fill(5, 15 * 32, 16 * 32);
    const { stored, back } = roundTrip(RecordKind.Node, new Uint8Array(0), node);
    expect(back).toEqual(node);
    expect(stored).toBe(16 + 2 + 2 * 32);
    const full = new Uint8Array(64).fill(1);
    expect(roundTrip(RecordKind.Node, new Uint8Array(0), full).back).toEqual(full);
  });

  test('a flipped byte anywhere in a record fails its checksum, with the offset', () => {
    const bytes = encodeRecord(
      RecordKind.Bytecode,
      new Uint8Array(32).fill(1),
      new Uint8Array(300).fill(3),
    );
    for (const at of [0, 5, 13, 20, 100, bytes.length - 1]) {
      const bad = bytes.slice();
      bad[at] ^= 0x40;
      let error: unknown;
      try {
        decodeRecord(bad, 8192);
      } catch (e) {
        error = e;
      }
      expect(isPiecrustError(error, 'PersistenceError'), `byte ${at}`).toBe(true);
      expect((error as Error).message).toContain('offset 8192');
    }
  });
});

describe('superblock', () => {
  const dirs: Array<() => void> = [];
  afterEach(() => dirs.splice(0).forEach((remove) => remove()));

  function fileWith(
    slots: Array<[number, Uint8Array]>,
    size = LOG_START,
  ): { path: string; fd: number } {
    const { dir, remove } = tempDir();
    dirs.push(remove);
    const bytes = new Uint8Array(size);
    for (const [at, slot] of slots) bytes.set(slot, at);
    const path = join(dir, 'store');
    writeFileSync(path, bytes);
    return { path, fd: openSync(path, 'r') };
  }

  const sb = (generation: number, durableLength = LOG_START): Superblock => ({
    formatVersion: FORMAT_VERSION,
    generation,
    durableLength,
    checkpointOffset: 0,
    checkpointLength: 0,
  });

  test('the newest valid slot wins; a torn newer slot falls back to the older one', () => {
    const newer = encodeSlot(sb(8, LOG_START + 10));
    const { fd } = fileWith(
      [
        [slotOffset(7), encodeSlot(sb(7))],
        [slotOffset(8), newer],
      ],
      LOG_START + 10,
    );
    expect(readSuperblock(fd, LOG_START + 10, 'x').generation).toBe(8);
    closeSync(fd);
    const torn = newer.slice();
    torn[30] ^= 1;
    const other = fileWith([
      [slotOffset(7), encodeSlot(sb(7))],
      [slotOffset(8), torn],
    ]);
    expect(readSuperblock(other.fd, LOG_START, 'x').generation).toBe(7);
    closeSync(other.fd);
  });
});
