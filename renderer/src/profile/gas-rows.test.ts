/**
 * The Profile view's table logic: gas columns sort as u64 numbers (BigInt), not as strings nor
 * floats; the diff's Δ self sorts by size whichever the sign; shares and signed figures are exact.
 */
import { describe, expect, test } from 'vitest';
import type { FunctionDiffView, FunctionGasView, ProfileView } from '../../../engine/api/types';
import {
  ariaSort,
  diffSummary,
  matchesSearch,
  percentOf,
  signedGas,
  sortDiffRows,
  sortFunctions,
  sumGas,
  toggleSort,
} from './gas-rows';

const fn = (name: string, self: string, total: string, calls: number): FunctionGasView => ({
  name,
  kind: 'function',
  self,
  total,
  calls,
});

const pair = (self: string, calls = 1) => ({ self, total: self, calls });
const diffRow = (name: string, a: string, b: string, calls = [1, 1]): FunctionDiffView => ({
  name,
  kind: 'function',
  side: 'both',
  a: pair(a, calls[0]),
  b: pair(b, calls[1]),
  selfDelta: (BigInt(b) - BigInt(a)).toString(),
  totalDelta: (BigInt(b) - BigInt(a)).toString(),
});

describe('sorting the function table', () => {
  // "9" > "10" as strings; 2^53 + 1 and 2^53 are one number as floats.
  const rows = [
    fn('nine', '9', '9', 3),
    fn('ten', '10', '10', 1),
    fn('big', '9007199254740993', '9007199254740993', 2),
    fn('big-1', '9007199254740992', '9007199254740992', 2),
  ];

  test('self gas compares as numbers, beyond 2^53 too', () => {
    expect(sortFunctions(rows, { key: 'self', dir: 'desc' }).map((r) => r.name)).toEqual([
      'big',
      'big-1',
      'ten',
      'nine',
    ]);
    expect(sortFunctions(rows, { key: 'self', dir: 'asc' }).map((r) => r.name)).toEqual([
      'nine',
      'ten',
      'big-1',
      'big',
    ]);
  });

  test('by calls; ties keep the engine order', () => {
    expect(sortFunctions(rows, { key: 'calls', dir: 'desc' }).map((r) => r.name)).toEqual([
      'nine',
      'big',
      'big-1',
      'ten',
    ]);
  });

  test('a header click turns the same column around, another column starts largest first', () => {
    const by = toggleSort({ key: 'self' as const, dir: 'desc' as const }, 'self');
    expect(by).toEqual({ key: 'self', dir: 'asc' });
    expect(toggleSort(by, 'calls')).toEqual({ key: 'calls', dir: 'desc' });
    expect(ariaSort(by, 'self')).toBe('ascending');
    expect(ariaSort(by, 'calls')).toBe('none');
  });
});

describe('sorting the diff table', () => {
  const rows = [
    diffRow('grew', '100', '150'),
    diffRow('shrank', '500', '300'),
    diffRow('same', '7', '7'),
  ];

  test('Δ self by size, the largest change first whichever its sign', () => {
    expect(sortDiffRows(rows, { key: 'selfDelta', dir: 'desc' }).map((r) => r.name)).toEqual([
      'shrank',
      'grew',
      'same',
    ]);
  });

  test('Δ total by value, and each side by its self gas', () => {
    expect(sortDiffRows(rows, { key: 'totalDelta', dir: 'desc' }).map((r) => r.name)).toEqual([
      'grew',
      'same',
      'shrank',
    ]);
    expect(sortDiffRows(rows, { key: 'aSelf', dir: 'desc' }).map((r) => r.name)).toEqual([
      'shrank',
      'grew',
      'same',
    ]);
  });

  test('calls by their change A→B', () => {
    const withCalls = [diffRow('x', '1', '1', [5, 2]), diffRow('y', '1', '1', [1, 4])];
    expect(sortDiffRows(withCalls, { key: 'calls', dir: 'desc' }).map((r) => r.name)).toEqual([
      'y',
      'x',
    ]);
  });
});

describe('figures', () => {
  test('sums stay exact past 2^53', () => {
    expect(sumGas(['9007199254740993', '1'])).toBe(9007199254740994n);
  });

  test('shares to a tenth, exact, rounded half up', () => {
    expect(percentOf('1', '8')).toBe('12.5%');
    expect(percentOf('1', '3')).toBe('33.3%');
    expect(percentOf('2', '3')).toBe('66.7%');
    expect(percentOf('18446744073709551615', '18446744073709551615')).toBe('100.0%');
    expect(percentOf(-5n, 10n)).toBe('−50.0%');
    expect(percentOf('1', '0')).toBe('—');
  });

  test('signed differences', () => {
    expect(signedGas('1234')).toBe('+1,234');
    expect(signedGas('-56')).toBe('−56');
    expect(signedGas('0')).toBe('0');
  });

  test('the search matches any of the texts, any case; empty matches all', () => {
    expect(matchesSearch('INC', 'counter.increment')).toBe(true);
    expect(matchesSearch('box', 'set', 'box')).toBe(true);
    expect(matchesSearch('zzz', 'set', undefined)).toBe(false);
    expect(matchesSearch('  ', 'anything')).toBe(true);
  });

  test('the diff summary: B − A and its share of A', () => {
    const view = (gasSpent: string) => ({ gasSpent }) as ProfileView;
    expect(diffSummary(view('200'), view('250'))).toEqual({
      a: 200n,
      b: 250n,
      delta: 50n,
      percent: '+25.0%',
    });
    expect(diffSummary(view('200'), view('150')).percent).toBe('−25.0%');
  });
});
