/** Timing helpers for `npm run bench`: medians of repeated runs after a warm-up. */

export function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Median duration of `fn` in nanoseconds over `runs` runs (after `warmup` unmeasured ones). */
export function medianNs(fn: () => void, runs: number, warmup = Math.max(3, runs >> 3)): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowNs();
    fn();
    samples.push(Number(nowNs() - start));
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

export function report(name: string, value: number, digits = 2): void {
  console.log(`${name}: ${value.toFixed(digits)}`);
}
