import { describe, expect, it } from 'vitest';
import { RootTable } from './root-index';

const hex = (i: number): string => i.toString(16).padStart(64, '0');

describe('RootTable', () => {
  it('finds every admitted root and nothing else, growing past its first capacity', () => {
    const roots = Array.from({ length: 5000 }, (_, i) => hex(i * 7919));
    const table = new RootTable((i) => roots[i], 4); // far too small: it grows
    roots.forEach((_, i) => expect(table.add(i)).toBe(true));
    roots.forEach((root, i) => expect(table.get(root)).toBe(i));
    expect(table.get(hex(1))).toBe(-1);
    expect(table.get('')).toBe(-1);
  });

  it('keeps the first of equal roots', () => {
    const roots = ['a'.repeat(64), 'b'.repeat(64), 'a'.repeat(64)];
    const table = new RootTable((i) => roots[i], roots.length);
    expect([0, 1, 2].map((i) => table.add(i))).toEqual([true, true, false]);
    expect(table.get('a'.repeat(64))).toBe(0);
  });

  it('tells apart roots whose hashed characters are all the same', () => {
    // Same first and last eight characters: the same slot, told apart by the whole root.
    const roots = Array.from(
      { length: 300 },
      (_, i) => `${'1'.repeat(8)}${hex(i)}${'2'.repeat(8)}`,
    );
    const table = new RootTable((i) => roots[i], roots.length);
    roots.forEach((_, i) => table.add(i));
    roots.forEach((root, i) => expect(table.get(root)).toBe(i));
  });
});
