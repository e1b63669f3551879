// The journal's page versions: content-addressed, in memory up to a budget, then in a file.
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { PageSpill } from './page-spill';

const page = (n: number) => new Uint8Array(65536).fill(n);

test('past its budget it writes pages to a file; every page reads back; close removes the file', () => {
  const spill = new PageSpill(4 * 65536);
  const hashes = Array.from({ length: 10 }, (_, i) => spill.put(page(i + 1)));
  expect(spill.stats()).toEqual({ memoryBytes: 4 * 65536, fileBytes: 6 * 65536, pages: 10 });
  hashes.forEach((h, i) => expect(spill.page(h)).toEqual(page(i + 1)));
  // A page kept once is not kept again, in memory or in the file.
  expect(spill.put(page(1))).toBe(hashes[0]);
  expect(spill.put(page(10))).toBe(hashes[9]);
  expect(spill.stats().pages).toBe(10);
  const dir = (spill as unknown as { file: { dir: string } }).file.dir;
  expect(existsSync(dir)).toBe(true);
  spill.close();
  expect(existsSync(dir)).toBe(false);
  expect(spill.page(hashes[0])).toBeUndefined();
});

test('what it keeps is a copy: later changes to the source do not reach it', () => {
  const spill = new PageSpill();
  const bytes = page(7);
  const hash = spill.put(bytes);
  bytes.fill(0);
  expect(spill.page(hash)).toEqual(page(7));
});
