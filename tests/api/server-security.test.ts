import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { InspectorService } from '../../engine/api/service';
import { serve, type RunningServer } from '../../engine/server/http-server';

let service: InspectorService;
let server: RunningServer;

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function socket(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({}));
  });
}

function next(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
  );
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>inspector</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  service = await InspectorService.create({ sessionMode: 'local' });
  server = await serve(service, { staticDir: dir, maxMessageBytes: 4096 });
});

afterAll(async () => {
  await server.close();
  await service.close();
});

describe('browser-mode server security', () => {
  test('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`),
    );
  });

  test('the page needs the token; it then sets an HttpOnly SameSite cookie for the assets', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).body).toContain('wrong token');
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>inspector</title>');
    // The desktop app's policy (tests/e2e/csp.test.ts compares them): nothing by default.
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect((await get('/app.js')).status).toBe(403);
    expect((await get('/app.js', { cookie: cookie.split(';')[0] })).status).toBe(200);
    expect((await get(`/../package.json?token=${server.token}`)).status).toBe(404);
  });

  test('a foreign Origin or Host is refused even with the token', async () => {
    expect((await get(`/?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await get(`/?token=${server.token}`, { host: 'evil.example' })).body).toContain(
      'foreign Host',
    );
    expect((await socket(`?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(
      403,
    );
  });

  test('the socket needs the token', async () => {
    expect((await socket('')).status).toBe(403);
    expect((await socket('?token=nope')).status).toBe(403);
    const ok = await socket(`?token=${server.token}`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    expect(ok.ws).toBeDefined();
    ok.ws!.close();
  });

  test('malformed messages get a clear error and the connection stays usable', async () => {
    const { ws } = await socket(`?token=${server.token}`);
    ws!.send('{ not json');
    expect(await next(ws!)).toMatchObject({
      id: null,
      error: { code: 'InvalidInput', message: expect.stringContaining('not JSON') },
    });
    ws!.send(JSON.stringify({ id: 1, method: 'rmrf', params: {} }));
    expect(await next(ws!)).toMatchObject({ id: 1, error: { message: 'unknown method "rmrf"' } });
    ws!.send(JSON.stringify({ id: 2, method: 'workspace', params: 'x' }));
    expect(await next(ws!)).toMatchObject({
      id: 2,
      error: { message: 'params of workspace must be an object' },
    });
    ws!.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next(ws!)).toMatchObject({
      error: { message: expect.stringContaining('binary frames') },
    });
    ws!.send(JSON.stringify({ id: 3, method: 'workspace', params: {} }));
    expect(await next(ws!)).toMatchObject({ id: 3, result: { path: ':memory:' } });
    ws!.close();
  });

  test('an oversized message closes that socket (1009); the server keeps serving', async () => {
    const { ws } = await socket(`?token=${server.token}`);
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    ws!.send(JSON.stringify({ id: 1, method: 'workspace', params: { pad: 'x'.repeat(10_000) } }));
    expect(await closed).toBe(1009);
    const again = await socket(`?token=${server.token}`);
    again.ws!.send(JSON.stringify({ id: 1, method: 'workspace', params: {} }));
    expect(await next(again.ws!)).toMatchObject({ id: 1, result: { commits: 0 } });
    again.ws!.close();
  });
});
