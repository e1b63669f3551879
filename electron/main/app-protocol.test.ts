import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  rendererUrlFor,
  resolveAppPath,
  serveAppRequest,
} from './app-protocol';
import { DESKTOP_CSP } from './csp';

const DIR = '/app/out/renderer';

describe('app:// path resolution', () => {
  test('the root and asset URLs map to files inside the renderer directory', () => {
    expect(APP_INDEX_URL).toBe('app://renderer/index.html');
    expect(resolveAppPath('app://renderer/', DIR)).toEqual({
      ok: true,
      path: `${DIR}/index.html`,
    });
    expect(resolveAppPath('app://renderer/assets/index-1.js?v=2#x', DIR)).toEqual({
      ok: true,
      path: `${DIR}/assets/index-1.js`,
    });
    expect(resolveAppPath('app://renderer/assets/a%20b.css', DIR)).toEqual({
      ok: true,
      path: `${DIR}/assets/a b.css`,
    });
  });

  test.each([
    'app://renderer/..%2f..%2fetc/passwd',
    'app://renderer/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://renderer/%2e%2e%2f%2e%2e%2fhome',
    'app://renderer/..%2f',
    'app://renderer/%2fetc%2fpasswd/..%2f..%2f..%2f..%2fetc%2fpasswd',
  ])('a path that leaves the directory once decoded is refused: %s', (url) => {
    expect(resolveAppPath(url, DIR)).toEqual({ ok: false, status: 403 });
  });

  test('plain dot segments are removed by URL parsing and stay inside', () => {
    expect(resolveAppPath('app://renderer/../../etc/passwd', DIR)).toEqual({
      ok: true,
      path: `${DIR}/etc/passwd`,
    });
  });

  test('other schemes and hosts, undecodable paths, NUL and backslashes are refused', () => {
    expect(resolveAppPath('app://evil/index.html', DIR)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('file:///app/out/renderer/index.html', DIR)).toEqual({
      ok: false,
      status: 403,
    });
    expect(resolveAppPath('https://renderer/index.html', DIR)).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath('app://renderer/%c0', DIR)).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath('app://renderer/index.html%00.js', DIR)).toEqual({
      ok: false,
      status: 400,
    });
    expect(resolveAppPath('app://renderer/..%5c..%5cetc%5cpasswd', DIR)).toEqual({
      ok: false,
      status: 400,
    });
    expect(resolveAppPath('not a url', DIR)).toEqual({ ok: false, status: 400 });
  });

  test('the scheme is standard and secure, and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('app:// responses', () => {
  let dir: string;
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'pi-app-protocol-'));
    dir = join(root, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'main.js'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  });
  const get = (url: string, method = 'GET') => serveAppRequest(new Request(url, { method }), dir);

  test('serves the renderer with the CSP as a header', async () => {
    const page = await get('app://renderer/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>x</title>');
    expect(page.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://renderer/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};');
  });

  test('never serves a file outside the directory, a directory, or a missing file', async () => {
    expect((await get('app://renderer/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://renderer/assets/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://renderer/assets')).status).toBe(404);
    expect((await get('app://renderer/nope.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(403);
  });

  test('only GET and HEAD', async () => {
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
    const head = await get('app://renderer/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('unknown types are not guessed', () => {
    expect(appResponseHeaders('/x/file.bin')['Content-Type']).toBe('application/octet-stream');
  });
});

describe('the URL the window loads', () => {
  test('app:// unless an unpackaged app is pointed at the dev server', () => {
    expect(rendererUrlFor({}, true)).toBe(APP_INDEX_URL);
    expect(rendererUrlFor({}, false)).toBe(APP_INDEX_URL);
    expect(rendererUrlFor({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false)).toBe(
      'http://localhost:5173/',
    );
  });

  test('a packaged app ignores ELECTRON_RENDERER_URL', () => {
    expect(rendererUrlFor({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, true)).toBe(
      APP_INDEX_URL,
    );
  });
});
