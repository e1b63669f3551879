// The arena behind resident Merkle trees: blocks given back are handed out again (so sessions
// that come and go do not grow the memory), by size, and views stay valid across growth.
import { expect, test } from 'vitest';
import { allocate, arenaBytes, arenaUsedBytes, releaseBlocks, type BlockList } from './node-arena';

test('released blocks are reused for the same size, without growing what is handed out', () => {
  const first: BlockList = new Map();
  const a = [allocate(128, first), allocate(128, first), allocate(32, first)];
  const used = arenaUsedBytes();
  releaseBlocks(first);
  expect(first.size).toBe(0);
  const second: BlockList = new Map();
  const b = [allocate(32, second), allocate(128, second), allocate(128, second)];
  expect(arenaUsedBytes()).toBe(used);
  expect(new Set(b)).toEqual(new Set(a));
  expect(b[0]).toBe(a[2]); // the 32-byte block, not part of a 128-byte one
  // Another size does not take them.
  const third: BlockList = new Map();
  allocate(64, third);
  expect(arenaUsedBytes()).toBe(used + 64);
});

test('blocks past the first memory page grow the memory, and bytes written before stay', () => {
  const owner: BlockList = new Map();
  const early = allocate(32, owner);
  arenaBytes().fill(0xab, early, early + 32);
  const sizeBefore = arenaBytes().length;
  let last = early;
  while (last < sizeBefore + 3 * 65536) last = allocate(4096, owner);
  const bytes = arenaBytes();
  expect(bytes.length).toBeGreaterThan(last + 4095);
  expect([...bytes.subarray(early, early + 32)]).toEqual(new Array(32).fill(0xab));
  releaseBlocks(owner);
});
