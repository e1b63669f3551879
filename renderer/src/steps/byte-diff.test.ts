import { expect, test } from 'vitest';
import { changedOffsets, contextRows } from './byte-diff';

test('changed bytes and the rows shown around them', () => {
  const before = new Uint8Array(256);
  const after = before.slice();
  after[104] = 0xfd; // row 6
  after[200] = 1; // row 12
  after[201] = 2;
  const changed = changedOffsets(before, after);
  expect(changed).toEqual([104, 200, 201]);
  const { rows, truncated } = contextRows(changed, 256);
  expect(rows.map((r) => r.offset / 16)).toEqual([5, 6, 7, 11, 12, 13]);
  expect(rows[1].changed).toEqual([8]);
  expect(rows[4].changed).toEqual([8, 9]);
  expect(rows.map((r) => r.gapBefore)).toEqual([false, false, false, true, false, false]);
  expect(truncated).toBe(false);
});

test('context stays inside the page and busy pages are capped', () => {
  expect(contextRows([0], 64).rows.map((r) => r.offset)).toEqual([0, 16]);
  expect(contextRows([63], 64).rows.map((r) => r.offset)).toEqual([32, 48]);
  const many = Array.from({ length: 100 }, (_, i) => i * 64);
  const capped = contextRows(many, 65536, 16, 1, 10);
  expect(capped.rows).toHaveLength(10);
  expect(capped.truncated).toBe(true);
});
