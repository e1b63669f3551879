import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { relaxCspForDevServer } from '../dev-server-csp';
import { DESKTOP_CSP, DESKTOP_CSP_DIRECTIVES, parseCsp } from './csp';

const INDEX_HTML = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

function metaCsp(html: string): string {
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  if (m === null) throw new Error('no CSP meta tag');
  return m[1];
}

describe('the desktop Content Security Policy', () => {
  test('nothing inline, nothing evaluated, nothing by default', () => {
    expect(DESKTOP_CSP).not.toContain("'unsafe-inline'");
    expect(DESKTOP_CSP).not.toContain("'unsafe-eval'");
    expect(DESKTOP_CSP).not.toContain('data:');
    const p = parseCsp(DESKTOP_CSP);
    expect(p['default-src']).toEqual(["'none'"]);
    expect(p['script-src']).toEqual(["'self'"]);
    expect(p['style-src']).toEqual(["'self'"]);
    expect(p['style-src-attr']).toBeUndefined(); // falls back to style-src: no inline style=
    expect(p['object-src']).toEqual(["'none'"]);
    expect(p['base-uri']).toEqual(["'none'"]);
    expect(p['frame-ancestors']).toEqual(["'none'"]);
    expect(p['form-action']).toEqual(["'none'"]);
  });

  test('the desktop renderer connects to nothing but itself (the engine is behind IPC)', () => {
    expect(DESKTOP_CSP_DIRECTIVES['connect-src']).toEqual(["'self'"]);
  });

  test("the meta tag fallback allows no inline styles either, and no more than the header but browser mode's socket", () => {
    const meta = parseCsp(metaCsp(INDEX_HTML));
    expect(metaCsp(INDEX_HTML)).not.toContain("'unsafe-inline'");
    const { 'frame-ancestors': _ignoredInMeta, ...header } = parseCsp(DESKTOP_CSP);
    const { 'connect-src': connect, ...rest } = meta;
    const { 'connect-src': headerConnect, ...headerRest } = header;
    expect(rest).toEqual(headerRest);
    expect(connect).toEqual([...headerConnect, 'ws://127.0.0.1:*', 'ws://localhost:*']);
  });

  test("the dev server alone gets 'unsafe-inline' styles, for Vite's injected <style> elements", () => {
    const dev = parseCsp(metaCsp(relaxCspForDevServer(INDEX_HTML)));
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['script-src']).toEqual(["'self'"]);
    expect(() => relaxCspForDevServer('<html></html>')).toThrow(/no CSP meta tag/);
  });
});
