/**
 * A deterministic, realistic-looking commit history for tests and benchmarks: a main line with
 * short- and long-lived branches forking off recent commits, a few branches abandoned, and some
 * commits whose parent was deleted. Not used by the app itself.
 */
import type { CommitNode } from '../../engine/api/types';

/** mulberry32: small, fast, good enough for test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHex(random: () => number, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++)
    out += Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0');
  return out;
}

export interface HistoryOptions {
  seed?: number;
  /** How many distinct contracts appear in `contractsTouched`. */
  contracts?: number;
  /** At most this many branches are alive at once. */
  maxBranches?: number;
}

export function syntheticHistory(count: number, options: HistoryOptions = {}): CommitNode[] {
  const random = createRandom(options.seed ?? 1);
  const contracts = Array.from(
    { length: options.contracts ?? 6 },
    () => '0x' + randomHex(random, 32),
  );
  const maxBranches = options.maxBranches ?? 10;
  const nodes: CommitNode[] = [];
  const heads: number[] = [];
  let time = Date.UTC(2025, 0, 6, 9, 0, 0);
  for (let i = 0; i < count; i++) {
    time += 1000 + Math.floor(random() * 600_000);
    let parent: number | null = null;
    const roll = random();
    if (nodes.length === 0 || roll < 0.004) {
      heads.push(i); // a new root
    } else if (heads.length < maxBranches && roll < 0.08) {
      parent = Math.max(0, nodes.length - 1 - Math.floor(random() * 40)); // fork a recent commit
      heads.push(i);
    } else {
      const h = random() < 0.45 ? 0 : Math.floor(random() * heads.length);
      parent = heads[h];
      if (h > 0 && random() < 0.06)
        heads.splice(h, 1); // the branch ends with this commit
      else heads[h] = i;
    }
    if (heads.length > maxBranches) heads.splice(1, 1); // the oldest side branch is abandoned
    const touched = contracts.filter(() => random() < 0.25);
    nodes.push({
      root: randomHex(random, 32),
      // A root now and then names a parent that no longer exists (deleted).
      parent: parent === null ? (i > 0 ? randomHex(random, 32) : null) : nodes[parent].root,
      label: parent === null ? `import ${i}` : `commit ${i}`,
      labels: [parent === null ? `import ${i}` : `commit ${i}`],
      createdAt: time,
      finalized: false,
      contractsTouched: touched.length > 0 ? touched : [contracts[0]],
      pagesChanged: 1 + Math.floor(random() * 12),
    });
  }
  return nodes;
}
