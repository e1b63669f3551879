/**
 * The Profile view's tables as pure functions: sorting rows by a gas column (u64 decimal strings,
 * compared as BigInt: a Number loses digits past 2^53, and a string compares "9" above "10"),
 * filtering by the search text, shares of the call, and the diff's summary. The engine sends the
 * functions merged and ordered already; these only re-order and filter what is shown.
 */
import type { FunctionDiffView, FunctionGasView, ProfileView } from '../../../engine/api/types';

export type SortDir = 'asc' | 'desc';

/** A column a table sorts by, and which way. */
export interface SortBy<K extends string> {
  key: K;
  dir: SortDir;
}

export type FunctionColumn = 'self' | 'total' | 'calls';
export type DiffColumn = 'aSelf' | 'bSelf' | 'selfDelta' | 'totalDelta' | 'calls';

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** A stable sort by a bigint key; ties keep the engine's order. */
function sortByBig<T>(rows: readonly T[], keyOf: (row: T) => bigint, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, key: keyOf(row) }))
    .sort((x, y) => sign * compareBig(x.key, y.key) || x.i - y.i)
    .map((x) => x.row);
}

/** The function table's rows in the order of `by`. */
export function sortFunctions(
  rows: readonly FunctionGasView[],
  by: SortBy<FunctionColumn>,
): FunctionGasView[] {
  const keyOf = (r: FunctionGasView): bigint =>
    by.key === 'calls' ? BigInt(r.calls) : BigInt(r[by.key]);
  return sortByBig(rows, keyOf, by.dir);
}

/**
 * The diff table's rows in the order of `by`; `selfDelta` sorts by size (|Δ|, the largest change
 * first whichever its sign), as the engine orders them, the other columns by value.
 */
export function sortDiffRows(
  rows: readonly FunctionDiffView[],
  by: SortBy<DiffColumn>,
): FunctionDiffView[] {
  const keyOf = (r: FunctionDiffView): bigint => {
    switch (by.key) {
      case 'aSelf':
        return BigInt(r.a.self);
      case 'bSelf':
        return BigInt(r.b.self);
      case 'selfDelta':
        return abs(BigInt(r.selfDelta));
      case 'totalDelta':
        return BigInt(r.totalDelta);
      case 'calls':
        return BigInt(r.b.calls - r.a.calls);
    }
  };
  return sortByBig(rows, keyOf, by.dir);
}

/** A click on a column's header: the same column turns around, another starts largest first. */
export function toggleSort<K extends string>(current: SortBy<K>, key: K): SortBy<K> {
  if (current.key !== key) return { key, dir: 'desc' };
  return { key, dir: current.dir === 'desc' ? 'asc' : 'desc' };
}

/** What a header says to assistive technology (aria-sort). */
export function ariaSort<K extends string>(
  current: SortBy<K>,
  key: K,
): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

/** Rows whose name (or contract name) holds the search text, any case; all for an empty one. */
export function matchesSearch(search: string, ...texts: Array<string | undefined>): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return texts.some((t) => t !== undefined && t.toLowerCase().includes(needle));
}

/** The sum of some gas figures, exactly. */
export function sumGas(figures: Iterable<string>): bigint {
  let sum = 0n;
  for (const f of figures) sum += BigInt(f);
  return sum;
}

/**
 * `part` as a share of `whole` with one decimal ("12.5%"); exact in BigInt down to the tenth, so
 * a share of a u64 figure does not round through a float. "—" when the whole is zero.
 */
export function percentOf(part: bigint | string, whole: bigint | string): string {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return '—';
  const negative = p < 0n !== w < 0n && p !== 0n;
  // Tenths of a percent, rounded half away from zero.
  const tenths = (abs(p) * 2000n + abs(w)) / (2n * abs(w));
  return `${negative ? '−' : ''}${tenths / 10n}.${tenths % 10n}%`;
}

/** A signed difference as shown: "+1,234", "−56", "0". */
export function signedGas(delta: bigint | string): string {
  const d = BigInt(delta);
  const digits = abs(d)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return d > 0n ? `+${digits}` : d < 0n ? `−${digits}` : digits;
}

/** The diff's headline: both calls' gas, the difference and its share of A's. */
export interface DiffSummary {
  a: bigint;
  b: bigint;
  delta: bigint;
  percent: string;
}

export function diffSummary(a: ProfileView, b: ProfileView): DiffSummary {
  const ga = BigInt(a.gasSpent);
  const gb = BigInt(b.gasSpent);
  const delta = gb - ga;
  const share = percentOf(delta, ga);
  return { a: ga, b: gb, delta, percent: delta > 0n && share !== '—' ? `+${share}` : share };
}
