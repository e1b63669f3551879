// Page hashes updated from their written chunks against the native BLAKE3 of the whole page (the
// @napi-rs/blake-hash addon, an implementation independent of ours).
import { describe, expect, test } from 'vitest';
import { blake3 } from '../hash/blake3';
import { PageHashTrees } from './page-hash-trees';

const PAGE = 65536;

/** A deterministic pseudo-random page (xorshift). */
function randomPage(seed: number): Uint8Array {
  const page = new Uint8Array(PAGE);
  let x = seed | 1;
  for (let i = 0; i < PAGE; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    page[i] = x & 0xff;
  }
  return page;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('page hash trees', () => {
  test('a built tree gives the page hash, for a zero page and random ones', () => {
    const trees = new PageHashTrees();
    for (const page of [new Uint8Array(PAGE), randomPage(1), randomPage(2)]) {
      expect(hex(trees.build(7, page))).toBe(hex(blake3(page)));
    }
  });

  test('updating the written chunks gives the hash of the whole page, edit after edit', () => {
    const trees = new PageHashTrees();
    const page = randomPage(3);
    trees.build(0, page);
    // Chunks at both ends and around the 31/32 boundary of the two mark words, alone and together.
    const edits: number[][] = [[0], [63], [31], [32], [31, 32], [5, 17, 40, 63], [0, 1, 2, 3]];
    let seed = 11;
    for (const chunks of edits) {
      let low = 0;
      let high = 0;
      for (const j of chunks) {
        page[j * 1024 + (seed++ % 1024)] ^= 0x5a;
        if (j < 32) low |= 1 << j;
        else high |= 1 << (j - 32);
      }
      expect(hex(trees.update(0, page, low, high)), `chunks ${chunks.join(',')}`).toBe(
        hex(blake3(page)),
      );
    }
  });

  test('a chunk left unmarked keeps its old value: the marks are what the update trusts', () => {
    const trees = new PageHashTrees();
    const page = randomPage(4);
    const before = hex(trees.build(0, page));
    page[5 * 1024] ^= 1;
    expect(hex(trees.update(0, page, 0, 0))).toBe(before);
    expect(hex(trees.update(0, page, 1 << 5, 0))).toBe(hex(blake3(page)));
  });

  test('trees of several pages stay apart; a dropped tree is rebuilt for another page', () => {
    const trees = new PageHashTrees();
    const a = randomPage(5);
    const b = randomPage(6);
    trees.build(1, a);
    trees.build(2, b);
    a[100] ^= 1;
    b[64 * 1024 - 1] ^= 1;
    expect(hex(trees.update(1, a, 1, 0))).toBe(hex(blake3(a)));
    expect(hex(trees.update(2, b, 0, 1 << 31))).toBe(hex(blake3(b)));
    trees.drop(1);
    expect(trees.has(1)).toBe(false);
    const c = randomPage(7);
    expect(hex(trees.build(3, c))).toBe(hex(blake3(c)));
    expect(hex(trees.update(2, b, 0, 0))).toBe(hex(blake3(b)));
    expect(() => trees.update(1, a, 1, 0)).toThrow('page 1 has no hash tree');
  });
});
