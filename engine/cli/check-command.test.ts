// `run --store FILE` and `check --store FILE [--repair]` on real store files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  flipBit,
  makeHistory,
  readBack,
  recordsOf,
  superblockOf,
  tempStore,
} from '../testing/fault-testing';
import { RecordKind } from '../store/file-format';
import { openFileStore } from '../store/file-store';
import { tempDir } from '../testing/store-testing';
import { main } from './main';

const EXAMPLE = new URL('../../examples/sessions.json', import.meta.url).pathname;
const COUNTER = new URL('../../contracts/build/counter.wasm', import.meta.url).pathname;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI with a store file', () => {
  test.skipIf(!existsSync(COUNTER))(
    'run --store keeps the commits; check verifies them',
    async () => {
      const { dir, remove } = tempDir();
      cleanups.push(remove);
      const store = join(dir, 'cli.pcstore');
      const run = await cli(['run', EXAMPLE, '--store', store]);
      expect(run.out).toMatch(/\d+ passed, 0 failed$/);
      expect(run.code).toBe(0);
      const reopened = await openFileStore(store, { readOnly: true });
      const commits = reopened.listCommits().length;
      await reopened.close();
      expect(commits).toBeGreaterThan(0);
      const check = await cli(['check', '--store', store]);
      expect(check.code).toBe(0);
      expect(check.out).toContain(`${commits} commits`);
      expect(check.out).toContain('ok: no problems found');
      const json = await cli(['check', '--store', store, '--json']);
      expect(JSON.parse(json.out)).toMatchObject({ ok: true, commits, problems: [] });
    },
  );

  test('a store that cannot be opened: exit 2 with the reason', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const path = join(dir, 'not-a-store');
    writeFileSync(path, 'plain text');
    const run = await cli(['run', EXAMPLE, '--store', path]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('not a piecrust store');
    const check = await cli(['check', '--store', join(dir, 'missing.pcstore')]);
    expect(check.code).toBe(2);
    expect(check.err).toContain('no store at this path');
    expect((await cli(['check'])).code).toBe(2);
  });
});

describe('check --repair', () => {
  function damagedCheckpoint(path: string): void {
    const sb = superblockOf(path);
    flipBit(path, sb.checkpointOffset + 64, 4);
  }

  test('writes a NEW file rebuilt from the log, checks it, and never changes the damaged one', async () => {
    const path = tempStore(cleanups, 'demo.pis');
    const history = await makeHistory(path, 3);
    damagedCheckpoint(path);
    const before = readFileSync(path);
    const target = join(dirname(path), 'demo.repaired.pis');

    const run = await cli(['check', '--store', path, '--repair']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`unopenable: ${path}: the index checkpoint at offset`);
    expect(run.out).toMatch(
      new RegExp(
        `repair: wrote ${target}: 3 commits from \\d+ intact records \\(\\d+ bytes\\) of the log\\n  left behind: \\d+ bytes at offset \\d+ are not an intact record \\(checksum [0-9a-f]+ ≠ stored [0-9a-f]+ \\(kind 32, \\d+ bytes\\)\\); no intact record follows before \\d+\\n${path} was not changed; compare the two, then replace it with the copy if you wish\\nstore ${target}\\n3 commits, .*\\nok: no problems found$`,
      ),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(await readBack(target, history)).toEqual(history.roots);

    // The copy is never written over, and --out names another.
    const again = await cli(['check', '--store', path, '--repair']);
    expect(again.code).toBe(2);
    expect(again.err).toBe(
      `error: ${target} already exists; a repair writes a new file only (name another with --out)`,
    );
    const out = join(dirname(path), 'other.pis');
    const json = await cli(['check', '--store', path, '--repair', '--out', out, '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as {
      ok: boolean;
      repair: { target: string; commits: number; report: { ok: boolean } };
    };
    expect(parsed).toMatchObject({
      ok: false,
      repair: { target: out, commits: 3, report: { ok: true } },
    });
    expect((await cli(['check', '--store', path, '--repair', '--out', path])).err).toContain(
      'a repair never writes over the store it repairs',
    );
  });

  test('a damaged page record: the copy keeps every commit, and its check names what was lost (exit 1)', async () => {
    const path = tempStore(cleanups);
    await makeHistory(path, 3);
    const page = recordsOf(path, RecordKind.Page).at(-1)!;
    flipBit(path, page.offset + 20, 0);
    const run = await cli(['check', '--store', path, '--repair']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/repair: wrote \S+: 3 commits/);
    expect(run.out).toMatch(/missing-page \(commit [0-9a-f]{64}\): page \d+ of contract/);
    expect(run.out).toMatch(/DAMAGED: \d+ problem\(s\)$/);
  });

  test('a sound store: nothing to repair, no file written; --out without --repair is a usage error', async () => {
    const path = tempStore(cleanups);
    await makeHistory(path, 2);
    const run = await cli(['check', '--store', path, '--repair']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/ok: no problems found\nnothing to repair; no file written$/);
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
    const usage = await cli(['check', '--store', path, '--out', `${path}.x`]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--out names the file --repair writes; it needs --repair');
  });
});
