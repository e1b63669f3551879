/**
 * A commit history shaped like long real use, for the 100,000-commit graph benchmark
 * (bench/scale-graph.ts, in the page and again in Node to build the same topology as a git
 * repository): pure and deterministic (a seeded generator, no clock).
 *
 * - A main line that runs through the whole history (long chains: it gets ~40 % of commits).
 * - Feature branches forking off recent main-line commits, some living for thousands of commits,
 *   worked on interleaved (commits arrive in the order they were made, not branch by branch).
 * - Fan-outs: now and then one base commit gets many branches at once (FAN_OUT_MIN…MAX, e.g. the
 *   same state explored from many sessions), each a short chain.
 * - Deleted parents: now and then a commit is deleted; its children keep naming it (orphans).
 * - A few roots (states based on genesis: imports).
 *
 * - Branches abandoned: past MAX_OPEN open branches the oldest get no more commits.
 *
 * Every parent is listed before its children; a deleted commit is not listed at all.
 */
import type { CommitNode } from '../../engine/api/types';
import { createRandom } from '../testing/synthetic-history';

export const FAN_OUT_MIN = 100;
export const FAN_OUT_MAX = 400;
/** At most this many branches are worked on at once (a fan-out's branches count). */
const MAX_OPEN = 300;

export interface ScaleHistoryOptions {
  seed?: number;
}

interface Branch {
  /** Index (in the generated list, deleted ones included) of the branch's newest commit. */
  head: number;
  /** Commits still to be made on it before it ends. */
  left: number;
}

/** Roots are 64 hex digits derived from the commit's index, so they are unique and cheap. */
function rootOf(seed: number, index: number): string {
  const a = (Math.imul(index + 1, 0x9e3779b1) ^ seed) >>> 0;
  const b = Math.imul(a ^ (a >>> 15), 0x85ebca6b) >>> 0;
  return (
    a.toString(16).padStart(8, '0') +
    b.toString(16).padStart(8, '0') +
    index.toString(16).padStart(48, '0')
  );
}

export function scaleHistory(count: number, options: ScaleHistoryOptions = {}): CommitNode[] {
  const seed = options.seed ?? 7;
  const random = createRandom(seed);
  const contracts = Array.from({ length: 12 }, (_, i) => '0x' + rootOf(seed ^ 0x55, i));
  // Generated commits, deleted ones included (they are dropped at the end).
  const roots: string[] = [];
  const parents: Array<number | null> = [];
  const deleted: boolean[] = [];
  /** The main line's commits are never deleted, so that it stays one long chain. */
  const onMain: boolean[] = [];
  let main = -1;
  const branches: Branch[] = [];
  const make = (parent: number | null, mainLine = false): number => {
    roots.push(rootOf(seed, roots.length));
    parents.push(parent);
    deleted.push(false);
    onMain.push(mainLine);
    return roots.length - 1;
  };

  // Count the commits that will be listed: a deleted one does not count.
  let listed = 0;
  while (listed < count) {
    const roll = random();
    if (main < 0 || roll < 0.00003) {
      // An import: a new root, which the main line continues from.
      main = make(null, true);
    } else if (roll < 0.4) {
      main = make(main, true);
    } else if (roll < 0.43) {
      // A feature branch off a recent main-line commit: mostly short, a few very long.
      const long = random() < 0.1;
      const length = long ? 500 + Math.floor(random() * 5000) : 2 + Math.floor(random() * 60);
      branches.push({ head: make(main), left: length - 1 });
    } else if (roll < 0.4303) {
      // A fan-out: many short branches from one base at once.
      const fan = FAN_OUT_MIN + Math.floor(random() * (FAN_OUT_MAX - FAN_OUT_MIN + 1));
      const base = main;
      for (let k = 0; k < fan && listed < count; k++, listed++)
        branches.push({ head: make(base), left: 1 + Math.floor(random() * 8) });
      continue;
    } else if (branches.length > 0) {
      // Work on a branch; recently made ones more often (new work is what people touch).
      const pick = branches.length - 1 - Math.floor(branches.length * random() * random());
      const branch = branches[pick];
      branch.head = make(branch.head);
      if (--branch.left <= 0) branches.splice(pick, 1);
    } else {
      main = make(main, true);
    }
    listed++;
    // Branches nobody comes back to: past MAX_OPEN, the oldest open ones are abandoned.
    if (branches.length > MAX_OPEN) branches.splice(0, branches.length - MAX_OPEN);
    // Deleting: rarely, a branch commit a few back is deleted (its children live on, orphaned).
    if (random() < 0.002 && roots.length > 20) {
      const victim = roots.length - 2 - Math.floor(random() * 15);
      if (!deleted[victim] && !onMain[victim] && parents[victim] !== null) {
        deleted[victim] = true;
        listed--;
      }
    }
  }

  const nodes: CommitNode[] = [];
  let time = Date.UTC(2025, 0, 6, 9, 0, 0);
  for (let i = 0; i < roots.length && nodes.length < count; i++) {
    time += 1000 + Math.floor(random() * 60_000);
    if (deleted[i]) continue;
    const parent = parents[i];
    const touched = contracts.filter(() => random() < 0.15);
    const label = parent === null ? `import ${i}` : `commit ${i}`;
    nodes.push({
      root: roots[i],
      parent: parent === null ? null : roots[parent],
      label,
      labels: [label],
      createdAt: time,
      finalized: random() < 0.001,
      contractsTouched: touched.length > 0 ? touched : [contracts[i % contracts.length]],
      pagesChanged: 1 + Math.floor(random() * 12),
    });
  }
  return nodes;
}
