import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { ABI_SIZES } from '../api/abi-sizes';
import { main } from './main';
import { serveCommand } from './serve-command';

const BIN = new URL('../../bin/piecrust-inspector.js', import.meta.url).pathname;
const INDEX = '<!doctype html><title>served by the test</title>';

/** A temp dir with a store path (not created yet) and a static dir holding an index.html. */
function sandbox(): { dir: string; store: string; staticDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-serve-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  return { dir, store: join(dir, 'state.pis'), staticDir };
}

/** The built CLI as a child process; the recent-stores list goes to the sandbox, not ~/.config. */
function spawnCli(args: string[], configHome: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: configHome },
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** The first stdout line matching `pattern`; rejects if the process exits first. */
function lineMatching(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  stderr: () => string,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = pattern.exec(line);
      if (m !== null) {
        lines.close();
        resolve(m);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the CLI exited (code ${code}) before printing it; stderr: ${stderr()}`)),
    );
  });
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function occupiedPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('piecrust-inspector serve', () => {
  test('prints the URL, serves / with the token and refuses it without, answers the API on the store, stops on SIGTERM', async () => {
    const { dir, store, staticDir } = sandbox();
    const child = spawnCli(['serve', '--port', '0', '--store', store, '--static', staticDir], dir);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const [, url, port, token] = await lineMatching(
        child,
        /^Serving on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/,
        () => stderr,
      );
      expect(Number(port)).toBeGreaterThan(0);
      expect(token.length).toBeGreaterThanOrEqual(32);
      // The store file was created and is held by the server.
      expect(existsSync(store)).toBe(true);
      expect(existsSync(`${store}-lock`)).toBe(true);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX);
      // The asset cookie is per port and never the token (server/access.ts).
      expect(page.headers.get('set-cookie')).toMatch(
        new RegExp(`^piecrust_inspector_${port}=[\\w-]{32}; HttpOnly; SameSite=Strict; Path=/$`),
      );
      expect(page.headers.get('set-cookie')).not.toContain(token);

      const bare = await fetch(`http://127.0.0.1:${port}/`);
      expect(bare.status).toBe(403);
      expect(await bare.text()).toBe('403 Forbidden: missing token\n');
      const wrong = await fetch(`http://127.0.0.1:${port}/?token=${'x'.repeat(token.length)}`);
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).toBe('403 Forbidden: wrong token\n');

      // The API behind the same token works on the store given with --store.
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
      const reply = await new Promise<Record<string, unknown>>((resolve, reject) => {
        ws.once('error', reject);
        ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 'workspace', params: {} })));
        ws.once('message', (data) =>
          resolve(JSON.parse(data.toString()) as Record<string, unknown>),
        );
      });
      ws.close();
      expect(reply).toEqual({
        id: 1,
        result: { path: store, commits: 0, sessions: 0, abi: ABI_SIZES },
      });

      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      expect(stderr).toBe('');
      expect(existsSync(`${store}-lock`)).toBe(false); // the store was closed on the way out
      await expect(fetch(`http://127.0.0.1:${port}/?token=${token}`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  test('a port outside 0..65535 or not a number exits 2 naming the value and the range', async () => {
    const { dir, store } = sandbox();
    for (const port of ['70000', '65536', '-1', 'abc', '', '1e3', '0x50', '8080.5']) {
      const { code, out, err } = await cli(['serve', '--port', port, '--store', store]);
      expect({ port, code, out }).toEqual({ port, code: 2, out: '' });
      expect(err).toContain(`error: --port must be a whole number in 0..65535, got "${port}"`);
    }
    // Refused before anything was opened: no store file was created.
    expect(existsSync(store)).toBe(false);

    // The process itself exits 2 with the message, and never prints a URL.
    const child = spawnCli(['serve', '--port', '70000', '--store', store], dir);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(child)).toBe(2);
    expect(stdout).toBe('');
    // The message first, then the usage.
    expect(stderr.split('\n')[0]).toBe(
      'error: --port must be a whole number in 0..65535, got "70000"',
    );
    expect(stderr).toContain('Usage:');
    expect(existsSync(store)).toBe(false);
  }, 30_000);

  test('--piecrust sets the gas table of new sessions; another value exits 2 naming both', async () => {
    const { store, staticDir } = sandbox();
    for (const table of ['0.2', 'HEAD', '']) {
      const { code, out, err } = await cli(['serve', '--piecrust', table, '--store', store]);
      expect({ table, code, out }).toEqual({ table, code: 2, out: '' });
      expect(err.split('\n')[0]).toBe(
        `error: --piecrust takes head or 0.19, got ${JSON.stringify(table)}`,
      );
    }
    expect(existsSync(store)).toBe(false); // refused before anything was opened

    const lines: string[] = [];
    const running = await serveCommand(
      { port: '0', store, staticDir, gasTable: '0.19' },
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    );
    try {
      const { port, searchParams } = new URL(running.url);
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const ask = (id: number, method: string, params: unknown) =>
        new Promise<unknown>((resolve) => {
          const onMessage = (data: WebSocket.RawData) => {
            const m = JSON.parse(data.toString()) as Record<string, unknown>;
            if (m.id === id) {
              ws.off('message', onMessage);
              resolve(m.result);
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id, method, params }));
        });
      expect(await ask(1, 'gasTables', {})).toMatchObject({ default: '0.19' });
      expect(await ask(2, 'openSession', {})).toMatchObject({ gasTable: '0.19', base: null });
      expect(await ask(3, 'openSession', { gasTable: 'head' })).toMatchObject({
        gasTable: 'head',
      });
      ws.close();
    } finally {
      await running.close();
    }
  }, 30_000);

  test('a port already in use exits 2 with a clear message and leaves the store unlocked', async () => {
    const { store } = sandbox();
    const busy = await occupiedPort();
    try {
      const address = busy.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const { code, out, err } = await cli(['serve', '--port', String(port), '--store', store]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(
        `error: cannot listen on 127.0.0.1:${port}: the port is in use (pick another --port, or 0 for any free one)`,
      );
      expect(existsSync(store)).toBe(true);
      expect(existsSync(`${store}-lock`)).toBe(false);
    } finally {
      busy.close();
    }
  });
});
