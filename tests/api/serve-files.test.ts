/**
 * Files through the API of the real `serve` process (issue 9, items 8 and 10). Writes (saved
 * scripts, new and opened stores) only in the folders chosen on the command line: the --store
 * file's and each --allow-write DIR. Reads of paths a client names (deploy from a path, load a
 * script, the script's wasm paths) only of regular files, at once, never blocking the server.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSocket, startServe, type ServeProcess } from './serve-process';

let serve: ServeProcess;
let api: Awaited<ReturnType<typeof apiSocket>>;
let dir: string;
/** The --store file's folder: chosen. */
let chosen: string;
/** Not chosen. */
let other: string;
let fifo: string;
let session: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pi-serve-files-'));
  chosen = join(dir, 'chosen');
  other = join(dir, 'other');
  mkdirSync(chosen);
  mkdirSync(other);
  fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  serve = await startServe(['--store', join(chosen, 'state.pis')], dir);
  api = await apiSocket(serve.port, serve.token);
  const opened = await api.call('openSession', {});
  session = (opened.result as { id: string }).id;
  await api.call('deploy', { session, source: { kind: 'sample', name: 'counter' } });
}, 30_000);

afterAll(async () => {
  api.ws.close();
  expect(await serve.stop()).toBe(0);
});

describe('writes stay in the folders the user chose', () => {
  test('saveScript in the store folder writes the script and its contracts', async () => {
    const reply = await api.call('saveScript', { session, path: join(chosen, 'saved.json') });
    expect(reply.error).toBeUndefined();
    expect(JSON.parse(readFileSync(join(chosen, 'saved.json'), 'utf8'))).toMatchObject({
      version: 1,
    });
    expect(existsSync(join(chosen, 'contract1.wasm'))).toBe(true);
  });

  test('saveScript anywhere else is refused, naming the folders, and writes nothing', async () => {
    for (const path of [join(other, 'saved.json'), join(tmpdir(), `pi-${Date.now()}.json`)]) {
      const reply = await api.call('saveScript', { session, path });
      expect(reply.error).toMatchObject({
        code: 'InvalidInput',
        message: expect.stringContaining(
          `refused to write the script at ${path}: it is outside the folders chosen for writing (only in "${chosen}")`,
        ),
      });
      expect(existsSync(path)).toBe(false);
    }
    expect(existsSync(join(other, 'contract1.wasm'))).toBe(false);
  });

  test('a symbolic link inside the chosen folder does not lead out of it', async () => {
    symlinkSync(other, join(chosen, 'link'));
    const reply = await api.call('saveScript', { session, path: join(chosen, 'link', 'x.json') });
    expect(reply.error?.message).toContain(
      `refused to write the script at ${join(other, 'x.json')}`,
    );
    expect(existsSync(join(other, 'x.json'))).toBe(false);
  });

  test('saveScript only writes .json files, and never into a FIFO', async () => {
    writeFileSync(join(chosen, 'notes.txt'), 'keep me');
    const txt = await api.call('saveScript', { session, path: join(chosen, 'notes.txt') });
    expect(txt.error?.message).toBe(
      `a script is saved as a .json file, not ${join(chosen, 'notes.txt')}`,
    );
    expect(readFileSync(join(chosen, 'notes.txt'), 'utf8')).toBe('keep me');
    execFileSync('mkfifo', [join(chosen, 'pipe.json')]);
    const pipe = await api.call('saveScript', { session, path: join(chosen, 'pipe.json') });
    expect(pipe.error?.message).toContain('it is a FIFO (named pipe), not a regular file');
  });

  test('stores: new and open only in a chosen folder', async () => {
    const outside = await api.call('newWorkspace', { path: join(other, 'new.pis') });
    expect(outside.error?.message).toContain(
      `refused to write a new store at ${join(other, 'new.pis')}`,
    );
    expect(existsSync(join(other, 'new.pis'))).toBe(false);
    const inside = await api.call('newWorkspace', { path: join(chosen, 'second.pis') });
    expect(inside.result).toMatchObject({ path: join(chosen, 'second.pis') });
    // A store made elsewhere (by the CLI) cannot be opened, and so not appended to.
    const elsewhere = join(other, 'made.pis');
    const bin = new URL('../../bin/piecrust-inspector.js', import.meta.url).pathname;
    const example = new URL('../../examples/sessions.json', import.meta.url).pathname;
    execFileSync(process.execPath, [bin, 'run', example, '--store', elsewhere]);
    const before = readFileSync(elsewhere);
    const open = await api.call('openWorkspace', { path: elsewhere });
    expect(open.error?.message).toContain(`refused to write to the store at ${elsewhere}`);
    expect(readFileSync(elsewhere).equals(before)).toBe(true);
    // The session was in the first store: reopen it for the tests that follow.
    await api.call('openWorkspace', { path: join(chosen, 'state.pis') });
    session = ((await api.call('openSession', {})).result as { id: string }).id;
    await api.call('deploy', { session, source: { kind: 'sample', name: 'counter' } });
  }, 30_000);
});

describe('reads of paths a client names: regular files only, at once', () => {
  test.each([
    ['a FIFO', () => fifo, 'a FIFO (named pipe)'],
    ['/dev/zero', () => '/dev/zero', 'a character device'],
  ])('deploy from %s is an error, and the server goes on', async (_n, path, kind) => {
    const reply = await api.call('deploy', { session, source: { kind: 'file', path: path() } });
    expect(reply.error?.message).toBe(
      `cannot read contract ${path()}: it is ${kind}, not a regular file`,
    );
    expect((await api.call('workspace', {})).result).toMatchObject({ sessions: 1 });
  });

  test('loadScript of a FIFO is an error; a loaded script whose wasm is /dev/zero fails that step', async () => {
    const pipe = await api.call('loadScript', { path: fifo });
    expect(pipe.error?.message).toBe(
      `cannot read script ${fifo}: it is a FIFO (named pipe), not a regular file`,
    );
    const script = join(chosen, 'zero.json');
    writeFileSync(
      script,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 's' },
          { op: 'deploy', session: 's', wasm: '/dev/zero' },
        ],
      }),
    );
    const loaded = (await api.call('loadScript', { path: script })).result as { id: string };
    const results = (await api.call('scriptRun', { script: loaded.id })).result as Array<{
      passed: boolean;
      reason?: string;
    }>;
    expect(results.map((r) => r.passed)).toEqual([true, false]);
    expect(results[1].reason).toContain('cannot read contract /dev/zero: it is a character device');
  });
});

test('--allow-write adds folders; one that is not there stops serve before it starts', async () => {
  const extra = mkdtempSync(join(tmpdir(), 'pi-serve-extra-'));
  const second = await startServe(['--allow-write', extra, '--allow-write', other], dir);
  try {
    const client = await apiSocket(second.port, second.token);
    const made = await client.call('newWorkspace', { path: join(extra, 'a.pis') });
    expect(made.result).toMatchObject({ path: join(extra, 'a.pis') });
    const s = ((await client.call('openSession', {})).result as { id: string }).id;
    expect(
      (await client.call('saveScript', { session: s, path: join(other, 'b.json') })).error,
    ).toBeUndefined();
    const refused = await client.call('saveScript', { session: s, path: join(chosen, 'c.json') });
    expect(refused.error?.message).toContain(`(only in "${extra}", "${other}")`);
    client.ws.close();
  } finally {
    await second.stop();
  }
  await expect(startServe(['--allow-write', join(dir, 'missing')], dir)).rejects.toThrow(
    `${join(dir, 'missing')} is not a folder`,
  );
}, 30_000);
