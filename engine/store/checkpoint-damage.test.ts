// A damaged index checkpoint, on real files: the open refuses and says how to repair; `check`
// looks past it (the log rebuilds the index); `check --repair` writes a new file with every
// commit, its flags and its data, and never touches the damaged one.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { openFileStore } from './file-store';
import {
  checkJson,
  cli,
  flipBit,
  makeHistory,
  problemKinds,
  readBack,
  repairCli,
  seeded,
  superblockOf,
  tempStore,
  writerError,
} from '../testing/fault-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function readerError(path: string): Promise<string> {
  try {
    await (await openFileStore(path, { readOnly: true })).close();
  } catch (e) {
    expect(isPiecrustError(e, 'PersistenceError')).toBe(true);
    return (e as Error).message;
  }
  return 'opened';
}

async function finalizedIn(path: string): Promise<string[]> {
  const store = await openFileStore(path, { readOnly: true });
  const roots = store
    .listCommits()
    .filter((c) => c.finalized)
    .map((c) => c.root);
  await store.close();
  return roots;
}

describe('a damaged checkpoint', () => {
  test('the open refuses with the way out; check reports it; repair rebuilds every commit into a new file', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 4, { finalize: true });
    const sb = superblockOf(path);
    flipBit(path, sb.checkpointOffset + Math.floor(sb.checkpointLength / 2), 6);
    const damaged = readFileSync(path);

    // Before: exit 2, "cannot be opened", and no way to get the commits back.
    const { code, report } = await checkJson(path);
    expect(code).toBe(1);
    expect(problemKinds(report)).toEqual(['corrupt-record', 'unopenable']);
    expect(report.problems.find((p) => p.kind === 'corrupt-record')!.offset).toBe(
      sb.checkpointOffset,
    );
    expect(report.problems[0].message).toMatch(
      new RegExp(
        `^${path}: the index checkpoint at offset ${sb.checkpointOffset} \\(${sb.checkpointLength} bytes\\) is damaged: corrupt record at offset ${sb.checkpointOffset}: checksum [0-9a-f]+ ≠ stored [0-9a-f]+ \\(kind 32, ${sb.checkpointLength} bytes\\)\\. \`piecrust-inspector check --store ${path} --repair\` rebuilds the store from the intact records of its log into a new file \\(this one is left as it is\\)$`,
      ),
    );
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^checked as rebuilt from the log \(what --repair writes\): \d+ intact records, 4 commits$/,
      ),
    ]);
    expect(await readerError(path)).toBe(report.problems[0].message);
    expect(await writerError(path)).toBe(report.problems[0].message);

    const text = await cli(['check', '--store', path]);
    expect(text.out).toContain(
      `to rebuild it from its log into a new file: piecrust-inspector check --store ${path} --repair`,
    );

    const copy = await repairCli(path);
    expect(readFileSync(path).equals(damaged), 'the damaged file is never written').toBe(true);
    expect(await readBack(copy, history)).toEqual(history.roots);
    expect(await finalizedIn(copy)).toEqual([history.roots[1]]);
  });

  test('after a compaction (its finalization markers) a repair still knows which commits are finalized', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 4, { finalize: true, compact: true });
    expect(await finalizedIn(path)).toEqual([history.roots[1]]);
    const sb = superblockOf(path);
    flipBit(path, sb.checkpointOffset + 20, 1);
    const copy = await repairCli(path);
    expect(await readBack(copy, history)).toEqual(history.roots);
    expect(await finalizedIn(copy)).toEqual([history.roots[1]]);
  });

  test('a sweep of single-bit flips over the checkpoint record (fixed seed): never unopenable for good', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 3, { finalize: true });
    const sb = superblockOf(path);
    const pristine = readFileSync(path);
    const random = seeded(0xc4e);
    // The header (kind, codec, lengths, checksum) byte by byte, then random bits of the body.
    const offsets = [
      ...Array.from({ length: 16 }, (_, i) => i),
      ...Array.from({ length: 24 }, () => 16 + random(sb.checkpointLength - 16)),
    ];
    for (const at of offsets) {
      const bit = random(8);
      const where = `checkpoint byte ${at}, bit ${bit}`;
      writeFileSync(path, pristine);
      rmSync(`${path}.repaired`, { force: true });
      flipBit(path, sb.checkpointOffset + at, bit);
      expect(await readerError(path), where).toContain('--repair` rebuilds the store');
      const { code, report } = await checkJson(path);
      expect(code, where).toBe(1);
      expect(report.problems[0].kind, where).toBe('unopenable');
      const copy = await repairCli(path);
      expect(await readBack(copy, history), where).toEqual(history.roots);
      expect(await finalizedIn(copy), where).toEqual([history.roots[1]]);
    }
  });
});
