/** Numbers as the UI shows them: gas with thousands separators, sizes in KiB/MiB, relative times. */

export function formatGas(gas: string | bigint | undefined): string {
  if (gas === undefined || gas === '') return '—';
  const digits = typeof gas === 'bigint' ? gas.toString() : gas;
  if (!/^\d+$/.test(digits)) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Compact gas for tight places (status bar, icicle labels): 1.2k, 930M. */
export function compactGas(gas: string | bigint): string {
  const n = Number(gas);
  if (n < 1000) return String(gas);
  const units: Array<[number, string]> = [
    [1e18, 'E'],
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${unit}`;
    }
  }
  return String(gas);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

export function formatAgo(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/**
 * A count and its noun, singular for one: `plural(1, 'call')` is "1 call", `plural(3, 'call')`
 * "3 calls". Every "N things" the UI shows goes through it (no "1 fns").
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The last segment of a path, for tight labels (full path stays in the title). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
