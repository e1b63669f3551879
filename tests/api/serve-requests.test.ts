/**
 * Hostile requests against the real `serve` process (issue 9, items 7, 8 and 11): malformed
 * request targets on both paths (page and socket upgrade), with and without the token, are
 * answered 400 and the server stays up; the asset cookie is scoped to its port and never opens
 * the API; an oversized message closes its socket with 1009 at the default limit.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { apiSocket, rawRequest, startServe, type ServeProcess } from './serve-process';

let serve: ServeProcess;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-serve-requests-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  serve = await startServe(['--static', staticDir], dir);
});

afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

const host = (): string => `Host: 127.0.0.1:${serve.port}`;
const request = (target: string, headers: string[]): Promise<string> =>
  rawRequest(serve.port, [`GET ${target} HTTP/1.1`, host(), ...headers, '', ''].join('\r\n'));
const get = (target: string, headers: string[] = []): Promise<string> =>
  request(target, ['Connection: close', ...headers]);
const upgrade = (target: string): Promise<string> =>
  request(target, [
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  ]);

/** The server still answers: the page with the token. */
async function stillServing(): Promise<void> {
  expect(serve.child.exitCode).toBeNull();
  expect(await get(`/?token=${serve.token}`)).toMatch(/^HTTP\/1\.1 200 /);
}

describe('serve never dies on a request', () => {
  test.each([
    ['//[ without the token', '//['],
    ['//[ with the token', `//[?token=TOKEN`],
    ['a scheme-relative target', '//evil.example/index.html'],
    ['/%c0 (not UTF-8) with the token', '/%c0?token=TOKEN'],
    ['/%c0 without the token', '/%c0'],
    ['a percent-encoded NUL', '/%00?token=TOKEN'],
    ['a lone %', '/%?token=TOKEN'],
  ])('%s: 400 on the page path, 400 on the upgrade path', async (_name, target) => {
    const t = target.replace('TOKEN', serve.token);
    const page = await get(t);
    expect(page).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(page).toContain('400 Bad Request: ');
    await stillServing();
    const socket = await upgrade(t);
    expect(socket).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    await stillServing();
  });

  test('an upgrade that the client resets half-way does not take the server down', async () => {
    await rawRequest(serve.port, `GET /api?token=${serve.token} HTTP/1.1\r\n${host()}\r\nUpgr`);
    await stillServing();
    expect(serve.stderr()).toBe('');
  });
});

describe('the asset cookie', () => {
  test('is named after the port, is HttpOnly, SameSite=Strict, Path=/, and is not the token', async () => {
    const page = await get(`/?token=${serve.token}`);
    const cookie = /^Set-Cookie: (.*)$/im.exec(page)?.[1] ?? '';
    const [pair, ...attributes] = cookie.split(';').map((p) => p.trim());
    const [name, value] = pair.split('=');
    expect(name).toBe(`piecrust_inspector_${serve.port}`);
    expect(attributes).toEqual(['HttpOnly', 'SameSite=Strict', 'Path=/']);
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(value).not.toBe(serve.token);
    // It loads the page's files…
    expect(await get('/app.js', [`Cookie: ${pair}`])).toMatch(/^HTTP\/1\.1 200 /);
    expect(await get('/app.js')).toMatch(/^HTTP\/1\.1 403 /);
    // …and never opens the API: another local page that receives it cannot use it.
    const refused = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api`, { headers: { Cookie: pair } });
      ws.once('open', () => resolve(undefined));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    });
    expect(refused).toBe(403);
    // The token in the socket's URL does.
    const { ws, call } = await apiSocket(serve.port, serve.token);
    expect(await call('workspace', {})).toMatchObject({ result: { path: ':memory:' } });
    ws.close();
  });
});

describe('message size', () => {
  test('a 17 MiB message closes its socket with 1009 (default 16 MiB limit), every time; the server goes on', async () => {
    // Racy before the fix (the socket was cut while the client still sent: 1006 in about half
    // of the tries), so several tries, and a larger message that leaves more unsent.
    for (const mib of [17, 17, 17, 17, 64, 64, 64, 64]) {
      const { ws } = await apiSocket(serve.port, serve.token);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      const pad = 'x'.repeat(mib * 1024 * 1024);
      ws.send(JSON.stringify({ id: 1, method: 'workspace', params: { pad } }));
      expect({ mib, code: await closed }).toEqual({ mib, code: 1009 });
    }
    await stillServing();
    const again = await apiSocket(serve.port, serve.token);
    expect(await again.call('workspace', {})).toMatchObject({ result: { commits: 0 } });
    again.ws.close();
  }, 60_000);
});
