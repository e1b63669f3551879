import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DESKTOP_CSP, parseCsp } from '../../electron/main/csp';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('Content Security Policy in browser mode', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test("the served header is the desktop app's policy, with browser mode's socket added", async () => {
    const response = await fetch(e2e.server.url);
    const served = parseCsp(response.headers.get('content-security-policy') ?? '');
    const { 'connect-src': connect, ...rest } = served;
    const { 'connect-src': desktopConnect, ...desktopRest } = parseCsp(DESKTOP_CSP);
    expect(rest).toEqual(desktopRest);
    expect(rest['style-src']).toEqual(["'self'"]);
    expect(connect).toEqual([...desktopConnect, 'ws://127.0.0.1:*']);
  });

  test('an inline style is refused and reported, so every e2e test checks the policy', async () => {
    // A page of its own: the violation is provoked on purpose and must not fail the shared page.
    const page = await e2e.context.newPage();
    const seen: string[] = [];
    page.on('console', (m) => seen.push(m.text()));
    await page.goto(e2e.server.url);
    await expect.poll(() => page.title()).toBe('Piecrust Inspector');
    const applied = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.setAttribute('style', 'width: 123px');
      document.body.append(probe);
      const width = probe.style.width;
      probe.remove();
      return width;
    });
    expect(applied).toBe('');
    await expect
      .poll(() => seen.find((t) => t.startsWith('CSP violation:')))
      .toBe('CSP violation: style-src-attr refused inline');
    await page.close();
  });

  test('style bindings go through the CSSOM, which the policy allows', async () => {
    const width = await e2e.page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.width = '77px';
      document.body.append(probe);
      const w = getComputedStyle(probe).width;
      probe.remove();
      return w;
    });
    expect(width).toBe('77px');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
