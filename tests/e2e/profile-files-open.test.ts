// The profile exports open in speedscope itself (the release its npm package ships, in Chromium),
// not only validate against its schema: the file loads, and its sandwich view shows our gas.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callerProfile } from '../../engine/testing/sample-profiles';
import { toFolded } from '../../engine/profile/folded';
import { toSpeedscope } from '../../engine/profile/speedscope';
import { CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS } from './harness';

const RELEASE = dirname(
  createRequire(import.meta.url).resolve('speedscope/dist/release/index.html'),
);
const missing = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}`;
if (missing !== undefined && process.env.E2E_REQUIRED === '1')
  throw new Error(`e2e required: ${missing}`);

const profile = callerProfile();
/** What the server hands out besides speedscope's own files. */
const FILES: Record<string, string> = {
  '/call.speedscope.json': JSON.stringify(toSpeedscope(profile)),
  // The name the CLI writes: speedscope has to recognise the format by its content.
  '/call.folded': toFolded(profile),
};

describe.skipIf(missing !== undefined)('profile exports open in speedscope', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = FILES[path] ?? readRelease(path);
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** speedscope with a file loaded in its sandwich view (a table of every function's gas). */
  async function open(file: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(
      `${base}/index.html#profileURL=${encodeURIComponent(base + file)}&view=sandwich`,
    );
    return { page, errors };
  }

  test('the speedscope file: named with its gas, every function and its gas in the table', async () => {
    const { page, errors } = await open('/call.speedscope.json');
    await expect.poll(() => page.title()).toBe('caller.call_counter — 2,183 gas - speedscope');
    // The sandwich table: increment's self and total gas as speedscope formats plain numbers.
    const row = page.locator('tr', { hasText: 'counter::Counter::increment' });
    await expect.poll(() => row.first().innerText()).toMatch(/1,535[\s\S]*800/);
    await expect.poll(() => page.locator('tr', { hasText: '[u8; 32]' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'speedscope-gas-profile.png') });
    expect(errors).toEqual([]);
  });

  test("the folded file: the ';' in a name stayed inside one frame", async () => {
    const { page, errors } = await open('/call.folded');
    await expect.poll(() => page.title()).toBe('call.folded - speedscope');
    // Split at the ';', the row of '<[u8' would end there, ' 32] as …' a frame of its own.
    const row = page.locator('tr', { hasText: '<[u8' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('<[u8\uFF1B 32] as core::fmt::Debug>::fmt');
    expect(errors).toEqual([]);
  });
});

/** A file of speedscope's release, never outside its folder. */
function readRelease(path: string): Buffer | undefined {
  const file = normalize(join(RELEASE, path));
  if (!file.startsWith(RELEASE) || !existsSync(file)) return undefined;
  return readFileSync(file);
}
