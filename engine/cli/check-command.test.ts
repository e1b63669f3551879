// `run --store FILE` and `check --store FILE` on a real store file.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openFileStore } from '../store/file-store';
import { tempDir } from '../store/store-testing';
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
