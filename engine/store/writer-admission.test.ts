// Writers refuse a store that `check` finds damaged, on real files: each fault below makes
// `check` exit 1, and then no writer appends without --force (the file is left as it was);
// forced, it writes and says what it accepted; nothing hides the damage from the next check.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createVm } from '../vm/vm';
import { openFileStore } from './file-store';
import { RecordKind } from './file-format';
import {
  checkJson,
  cli,
  CONTRACT,
  flipBit,
  makeHistory,
  recordsOf,
  superblockOf,
  tempStore,
  writerError,
} from '../testing/fault-testing';
import { fill, pagesBytecode } from '../testing/store-testing';
import { slotOffset } from './superblock';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store of 4 commits, checkpointed twice: the older checkpoint is dead, in the log. */
async function twoCheckpoints(path: string): Promise<Awaited<ReturnType<typeof makeHistory>>> {
  const history = await makeHistory(path, 3);
  const vm = await createVm({ store: path });
  const s = vm.session({ base: history.roots[2] });
  fill(s, CONTRACT, 3, 103);
  history.roots.push(await s.commit('c3'));
  await vm.close();
  return history;
}

/** A fault, and whether a (forced) writer's next superblock writes overwrite it. */
const FAULTS: Array<[string, (path: string) => void, { healedByWrites: boolean }]> = [
  [
    'a flipped bit in a page record the index points at',
    (path) => {
      const page = recordsOf(path, RecordKind.Page)[0];
      flipBit(path, page.offset + page.length - 7, 2);
    },
    { healedByWrites: false },
  ],
  [
    'a flipped bit in a dead record (the older checkpoint)',
    (path) => {
      const [old] = recordsOf(path, RecordKind.Checkpoint);
      flipBit(path, old.offset + 100, 5);
    },
    { healedByWrites: false },
  ],
  [
    'a flipped bit in a record header (its kind)',
    (path) => {
      const node = recordsOf(path, RecordKind.Node)[3];
      flipBit(path, node.offset, 6);
    },
    { healedByWrites: false },
  ],
  [
    'a flipped bit in the older superblock slot',
    (path) => flipBit(path, slotOffset(superblockOf(path).generation + 1) + 30, 1),
    { healedByWrites: true },
  ],
  [
    'a flipped bit after the checksum of the newest slot',
    (path) => flipBit(path, slotOffset(superblockOf(path).generation) + 61, 0),
    { healedByWrites: true },
  ],
];

describe('writers and a damaged store', () => {
  test.each(FAULTS)(
    '%s: check reports it, writers refuse it unless forced',
    async (_, inject, { healedByWrites }) => {
      const path = tempStore(cleanups);
      const history = await twoCheckpoints(path);
      inject(path);
      const { code, report } = await checkJson(path);
      expect(code).toBe(1);
      // Before: the writer opened the damaged store and appended to it without a word.
      const refusal = await writerError(path);
      expect(refusal).toMatch(
        new RegExp(`^${path}: refusing to write to a damaged store \\(\\d+ problems?\\): \\(1\\) `),
      );
      expect(refusal).toMatch(
        /Nothing was written\. `piecrust-inspector check --store \S+ --repair` rebuilds the store from the intact records of its log into a new file \(this one is left as it is\); to write to this file anyway, open it with the CLI's --force \(the app opens sound stores only\)$/,
      );

      const store = await openFileStore(path, { force: true });
      // What the writer was told is what check reports, at the same offsets.
      const reported = new Set(report.problems.map((p) => p.offset));
      expect(store.acceptedProblems.length).toBeGreaterThan(0);
      for (const p of store.acceptedProblems) {
        expect(refusal).toContain(p.message);
        expect(reported.has(p.offset), p.message).toBe(true);
      }
      const vm = await createVm({ store });
      const s = vm.session({ base: history.roots[3] });
      fill(s, CONTRACT, 4, 104);
      history.roots.push(await s.commit('forced'));
      await vm.close();
      expect((await checkJson(path)).code, 'reported until a write overwrites it').toBe(
        healedByWrites ? 0 : 1,
      );
      const reader = await openFileStore(path, { readOnly: true });
      expect(reader.listCommits().map((c) => c.root)).toEqual(history.roots);
      await reader.close();
    },
  );

  test('the CLI: run --store refuses a damaged store (exit 2, nothing written); --force runs and warns', async () => {
    const path = tempStore(cleanups);
    await twoCheckpoints(path);
    FAULTS[0][1](path);
    const dir = dirname(path);
    writeFileSync(join(dir, 'pages.wasm'), await pagesBytecode());
    const script = join(dir, 'script.json');
    writeFileSync(
      script,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 's', base: 'genesis' },
          {
            op: 'deploy',
            session: 's',
            wasm: 'pages.wasm',
            name: 'pages',
            contractId: `0x${'11'.repeat(32)}`,
          },
          // fill(page 2, seed 7, 4 words): a state no commit of the store has.
          {
            op: 'call',
            session: 's',
            contract: 'pages',
            fn: 'fill',
            arg: '0x020000000700000004000000',
          },
          { op: 'commit', session: 's', name: 'after' },
        ],
      }),
    );
    const before = readFileSync(path);
    const refused = await cli(['run', script, '--store', path]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `error: ${path}: refusing to write to a damaged store (1 problem)`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);

    const forced = await cli(['run', script, '--store', path, '--force']);
    expect(forced.err).toMatch(
      /^warning: --force: writing to a damaged store: \d+ bytes at offset \d+ are not an intact record/,
    );
    expect(forced.out).toMatch(/4 passed, 0 failed$/);
    expect(forced.code).toBe(0);
  });
});
