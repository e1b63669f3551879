/**
 * Issue 9, item 10: paths a user gives that are not regular files, or too big, through the real
 * CLI binary. `/dev/zero` used to be read until memory ran out, a FIFO blocked forever: each
 * must now end at once with an error naming the path and what it is (or both sizes).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../testing/cli-process';

/** The documented cap (README, core/user-files.ts): 64 MiB. */
const MAX_USER_FILE_BYTES = 64 * 1024 * 1024;

function sandbox(): { dir: string; fifo: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-special-'));
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  return { dir, fifo };
}

/** A script deploying `wasm` in one session. */
function deployScript(dir: string, wasm: string): string {
  const path = join(dir, 'script.json');
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      steps: [
        { op: 'session', name: 's' },
        { op: 'deploy', session: 's', wasm, name: 'c' },
      ],
    }),
  );
  return path;
}

describe('files that are not regular files, or too big', () => {
  test.each([
    ['/dev/zero', () => '/dev/zero', 'a character device'],
    ['a FIFO', (fifo: string) => fifo, 'a FIFO (named pipe)'],
    ['a directory', (_fifo: string, dir: string) => dir, 'a directory'],
  ])('a script whose wasm is %s: the step fails at once, saying so', async (_n, wasm, kind) => {
    const { dir, fifo } = sandbox();
    const path = wasm(fifo, dir);
    const r = await runCli(['run', deployScript(dir, path)]);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`cannot read contract ${path}: it is ${kind}, not a regular file`);
    expect(r.out).toContain('1 passed, 1 failed');
  });

  test('a wasm over the size cap: the step fails with both sizes', async () => {
    const { dir } = sandbox();
    const big = join(dir, 'big.wasm');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_USER_FILE_BYTES + 1); // sparse: no disk used
    closeSync(fd);
    const r = await runCli(['run', deployScript(dir, 'big.wasm')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `cannot read contract ${big}: 67,108,865 bytes, over the limit of 67,108,864 bytes (64 MiB)`,
    );
  });

  test.each([
    ['a FIFO', (fifo: string) => fifo, 'a FIFO (named pipe)'],
    ['/dev/zero', () => '/dev/zero', 'a character device'],
  ])('the script itself is %s: exit 2 at once, saying so', async (_n, script, kind) => {
    const { fifo } = sandbox();
    const path = script(fifo);
    for (const command of ['run', 'gas-check']) {
      const r = await runCli([command, path]);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`cannot read script ${path}: it is ${kind}, not a regular file`);
    }
  });

  test.each([
    ['a FIFO', (fifo: string) => fifo, 'a FIFO (named pipe)'],
    ['a directory', (_fifo: string, dir: string) => dir, 'a directory'],
    ['/dev/zero', () => '/dev/zero', 'a character device'],
  ])('--store naming %s: exit 2 at once, saying so', async (_n, store, kind) => {
    const { dir, fifo } = sandbox();
    const path = store(fifo, dir);
    const script = deployScript(dir, '/nonexistent.wasm');
    for (const args of [
      ['run', script, '--store', path],
      ['log', '--store', path],
    ]) {
      const r = await runCli(args);
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `error: ${path} is ${kind}, not a store file (a .pis file, or a path where a new one is made)\n`,
      );
    }
  });
});
