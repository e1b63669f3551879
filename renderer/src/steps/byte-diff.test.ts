import { expect, test } from 'vitest';
import { bytesBefore, changedInRanges, changedOffsets, contextRows, rowsSpan } from './byte-diff';

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

test("a step's changes: the offsets really changed, the rows' span, and the bytes before rebuilt", () => {
  const changes = [
    // A range may hold bytes it did not change (the second here).
    { offset: 104, before: '0x0102', after: '0xfd02' },
    { offset: 200, before: '0x0000', after: '0x0102' },
  ];
  const changed = changedInRanges(changes);
  expect(changed).toEqual([104, 200, 201]);
  const { rows } = contextRows(changed, 256);
  const span = rowsSpan(rows);
  expect(span).toEqual({ offset: 5 * 16, length: 9 * 16 });
  expect(rowsSpan([])).toEqual({ offset: 0, length: 0 });
  // The page after the step, and the bytes before it rebuilt from the span alone.
  const page = Uint8Array.from({ length: 256 }, (_, i) => i);
  page.set([0xfd, 0x02], 104);
  page.set([0x01, 0x02], 200);
  const after = page.subarray(span.offset, span.offset + span.length);
  const before = bytesBefore(after, span.offset, changes);
  const expected = page.slice(span.offset, span.offset + span.length);
  expected.set([0x01, 0x02], 104 - span.offset);
  expected.set([0x00, 0x00], 200 - span.offset);
  expect(before).toEqual(expected);
  expect(changedOffsets(before, after).map((i) => i + span.offset)).toEqual(changed);
});
