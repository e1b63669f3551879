/**
 * End-to-end harness: the real inspector service and browser-mode server (with the renderer
 * built by `npm run build`), driven by Debian's Chromium through playwright-core — a real
 * browser against a real engine and store file, as a user would use it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { InspectorService, type ServiceOptions } from '../../engine/api/service';
import { serve, type RunningServer } from '../../engine/server/http-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
export const BUILT_WORKER = new URL('../../out/cli/session-worker.mjs', import.meta.url);
export const SCREENSHOTS = fileURLToPath(
  new URL('../../test-artifacts/screenshots/', import.meta.url),
);

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface E2E {
  page: Page;
  context: BrowserContext;
  server: RunningServer;
  service: InspectorService;
  storePath: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Why the e2e tests cannot run here (no browser, no built renderer), or undefined when they can. */
export function e2eAvailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!existsSync(join(RENDERER, 'index.html')))
    return `no built renderer at ${RENDERER} (npm run build)`;
  if (!existsSync(BUILT_WORKER))
    return `no built session worker at ${BUILT_WORKER.pathname} (npm run build)`;
  return undefined;
}

/**
 * Like e2eAvailable, for a test file's skip condition; but CI sets E2E_REQUIRED so that a missing
 * browser or build fails the run instead of skipping silently.
 */
export function e2eMissing(): string | undefined {
  const missing = e2eAvailable();
  if (missing !== undefined && process.env.E2E_REQUIRED === '1')
    throw new Error(`e2e required: ${missing}`);
  return missing;
}

/**
 * Start a service on a fresh store file (with `options.service`, for a test that needs a special
 * one), serve it, open the page in a fresh Chromium profile.
 */
export async function startE2E(
  options: { viewport?: { width: number; height: number }; service?: ServiceOptions } = {},
): Promise<E2E> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-e2e-'));
  const storePath = join(dir, 'state.pis');
  // Sessions run in the session worker `npm run build` bundled, as `serve` and the app run them
  // (from sources, each thread would first load the TypeScript loader: several times slower).
  const service = await InspectorService.create({
    workerEntry: BUILT_WORKER,
    ...options.service,
    store: storePath,
  });
  const server = await serve(service, { staticDir: RENDERER });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  // Every test also checks the served Content Security Policy: a violation is a page error.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    console.error('CSP violation: ' + e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline')));`);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.text().startsWith('CSP violation:')) errors.push(m.text());
  });
  await page.goto(server.url);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    server,
    service,
    storePath,
    async screenshot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      try {
        await context.close();
        await server.close();
        await service.close();
      } finally {
        // The store and the browser profile (benches start this outside the tests' own folder).
        rmSync(dir, { recursive: true, force: true });
      }
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}
