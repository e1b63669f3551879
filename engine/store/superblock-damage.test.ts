// A damaged superblock slot and the bytes past the durable length, on real files: `check`
// reports them, no writer truncates records it cannot prove were never acknowledged, and
// `check --repair` recovers every acknowledged commit into a new file.
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { encodeRecord, RecordKind } from './file-format';
import { openFileStore } from './file-store';
import {
  checkJson,
  flipBit,
  makeHistory,
  problemKinds,
  readBack,
  recordsOf,
  repairCli,
  seeded,
  superblockOf,
  tempStore,
  writerError,
} from '../testing/fault-testing';
import { StoreFile } from './store-file';
import { SLOT_OFFSETS, SLOT_SIZE, slotOffset } from './superblock';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Put `bytes` back at `path`, without an earlier repaired copy. */
function restore(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
  rmSync(`${path}.repaired`, { force: true });
}

describe('a damaged superblock slot', () => {
  test('the newest slot: check reports it and the acknowledged commit past the durable length; writers leave it; repair recovers it', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 4, { checkpoint: false });
    const last = history.roots[3];
    const newest = slotOffset(superblockOf(path).generation);
    flipBit(path, newest + 24, 3); // in the durable length

    // Before: check said "ok", a reader lost the last commit, and a writer truncated it away.
    const { code, report } = await checkJson(path);
    expect(code).toBe(1);
    expect(problemKinds(report)).toEqual(['records-past-durable-end', 'superblock-slot']);
    expect(report.problems.find((p) => p.kind === 'superblock-slot')!.message).toMatch(
      new RegExp(
        `^superblock slot at ${newest} is damaged \\(checksum [0-9a-f]+ ≠ stored [0-9a-f]+\\)$`,
      ),
    );
    expect(report.problems.find((p) => p.kind === 'records-past-durable-end')!.message).toMatch(
      new RegExp(
        `^\\d+ intact records \\(\\d+ bytes, with commit ${last}\\) lie in the \\d+ bytes past the durable length \\d+, and with a superblock slot damaged nothing proves they were never acknowledged: a writer would overwrite them$`,
      ),
    );

    const refusal = await writerError(path);
    expect(refusal).toContain(`${path}: refusing to write to a damaged store (2 problems)`);
    expect(refusal).toContain(`\`piecrust-inspector check --store ${path} --repair\``);
    expect(refusal).toContain('--force does not override this');
    expect(await writerError(path, { force: true })).toBe(refusal);

    expect(await readBack(await repairCli(path), history)).toEqual(history.roots);
  });

  test('the older slot: reported; a writer needs --force, and its next write rewrites the slot', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 3);
    const older = slotOffset(superblockOf(path).generation + 1);
    flipBit(path, older + 40, 0);
    const { code, report } = await checkJson(path);
    expect(code).toBe(1);
    expect(problemKinds(report)).toEqual(['superblock-slot']);
    expect(await writerError(path)).toContain(
      "to write to this file anyway, open it with the CLI's --force",
    );

    const store = await openFileStore(path, { force: true });
    expect(store.acceptedProblems.map((p) => p.message)).toEqual([report.problems[0].message]);
    await store.checkpoint(); // a durable write: the next superblock goes to the damaged slot
    await store.close();
    expect((await checkJson(path)).report.problems).toEqual([]);
    expect(await readBack(path, history)).toEqual(history.roots);
  });

  test('a sweep of single-bit flips over both slots (fixed seed): each is reported, refused, and repaired without loss', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 3, { checkpoint: false });
    const pristine = readFileSync(path);
    const random = seeded(0x5b1);
    for (const slot of SLOT_OFFSETS) {
      // The magic, generation, durable length, checksum and the unchecked trailer; then random.
      const bytes = [0, 16, 24, 56, 60, ...Array.from({ length: 5 }, () => random(SLOT_SIZE))];
      for (const byte of bytes) {
        const bit = random(8);
        const where = `slot ${slot}, byte ${byte}, bit ${bit}`;
        restore(path, pristine);
        flipBit(path, slot + byte, bit);
        expect((await checkJson(path)).code, where).toBe(1);
        expect(await writerError(path), where).toContain('refusing to write to a damaged store');
        expect(await readBack(await repairCli(path), history), where).toEqual(history.roots);
      }
    }
  });
});

describe('bytes past the durable length', () => {
  test('intact records that no slot acknowledged (a crash before the superblock moved): a note, and the next writer drops them', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 2);
    const file = StoreFile.open(path, false);
    file.append([encodeRecord(RecordKind.Page, new Uint8Array(32).fill(1), new Uint8Array(65536))]);
    file.close();
    const size = statSync(path).size;
    const { code, report } = await checkJson(path);
    expect(code).toBe(0);
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^\d+ bytes past the durable length \d+ \(1 intact record \(\d+ bytes\)\) were never acknowledged/,
      ),
    ]);
    await (await openFileStore(path)).close();
    expect(statSync(path).size).toBeLessThan(size);
    expect(await readBack(path, history)).toEqual(history.roots);
  });

  test('a truncated file (also inside a slot): check reports it, repair keeps every commit whose records are whole', async () => {
    const path = tempStore(cleanups);
    const history = await makeHistory(path, 5, { checkpoint: false });
    const commitEnds = recordsOf(path, RecordKind.Commit).map((r) => r.offset + r.length);
    const pristine = readFileSync(path);
    const cuts = [8, 63, 520, 575, 1000, 4096, commitEnds[2] + 10, commitEnds[3] - 1];
    for (const cut of [...cuts, pristine.length - 1]) {
      restore(path, pristine);
      truncateSync(path, cut);
      // Before: exit 2 ("truncated"), or an internal error for a cut inside a slot.
      const { code, report } = await checkJson(path);
      expect(code, `cut at ${cut}`).toBe(1);
      expect(report.problems[0].kind, `cut at ${cut}`).toBe('unopenable');
      const kept = history.roots.filter((_, i) => commitEnds[i] <= cut);
      expect(await readBack(await repairCli(path), history), `cut at ${cut}`).toEqual(kept);
    }
  });
});
