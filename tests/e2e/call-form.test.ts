/**
 * The Calls view's smaller promises, in the browser (issue 10, item 13): the argument editor
 * converts between typed and hex and follows the function picked; counts read "1 fn", and the
 * sidebar and History count the same calls; the "deployed …" label belongs to the session that
 * deployed; the page has a favicon; and at 1024×640 the result's header stays one line when an
 * error appears.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploySample } from './deploy-sample';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('the call form and its counts', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const argText = () => id('call-arg').inputValue();

  beforeAll(async () => {
    e2e = await startE2E();
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('Typed → Hex converts the value to its bytes, with no error', async () => {
    await deploySample(e2e.page, 'box');
    await id('call-fn').selectOption('set');
    await expect.poll(argText).toBe('i16 17');
    await id('call-arg-mode-hex').check({ force: true });
    await expect.poll(argText).toBe('11 00');
    expect(await id('call-arg-error').count()).toBe(0);
    await expect.poll(() => id('call-arg-bytes').getAttribute('data-hex')).toBe('0x1100');
    // Back to typed: the value it came from.
    await id('call-arg-mode-value').check({ force: true });
    await expect.poll(argText).toBe('i16 17');
    // Typed text that is not a value converts to nothing rather than to an error.
    await id('call-arg').fill('i16');
    await id('call-arg-mode-hex').check({ force: true });
    await expect.poll(argText).toBe('');
    expect(await id('call-arg-error').count()).toBe(0);
  });

  test('picking another function shows that function’s argument', async () => {
    await id('call-arg-mode-value').check({ force: true });
    await id('call-arg').fill('i16 5');
    await id('call-fn').selectOption('get');
    // get takes no argument: not the i16 typed for set.
    await expect.poll(() => id('call-arg-mode-none').isChecked()).toBe(true);
    await expect.poll(() => text('call-arg-preview')).toContain('(no bytes)');
    await id('call-fn').selectOption('set');
    await expect.poll(argText).toBe('i16 5');
  });

  test('a contract with one export reads “1 fn”; the sidebar and History count the same calls', async () => {
    await deploySample(e2e.page, 'fibonacci');
    const fib = id('contract-item').filter({ hasText: 'fibonacci' });
    // The id went up beside the name: the line starts with the count.
    await expect.poll(() => fib.innerText()).toMatch(/(^|\s)1 fn ·/);
    for (let i = 0; i < 2; i++) await id('call-submit').click();
    await expect.poll(() => text('call-history-count')).toBe('2 calls');
    // Two deploys (box, fibonacci) and two calls: counted apart, as History lists calls only.
    await expect.poll(() => text('session-item')).toContain('2 deploys · 2 calls');
  });

  test('the “deployed …” label stays with the session that deployed', async () => {
    await expect.poll(() => id('deploy-last').count()).toBe(1);
    await id('commit-open').click();
    await id('commit-label').fill('two contracts');
    await id('commit-continue').check();
    await id('commit-submit').click();
    // A new session on the commit: the same contracts, none deployed by it.
    await expect.poll(() => id('session-item').count()).toBe(1);
    await expect.poll(() => text('session-item')).toContain('two contracts');
    await id('contract-deploy-open').click();
    await id('deploy-panel').waitFor();
    // The new session's contracts load as it opens: wait for them as a user would (read at
    // once, a loaded machine saw none yet).
    await expect.poll(() => id('contract-item').count()).toBe(2);
    expect(await id('deploy-last').count()).toBe(0);
  });

  test('the page has a favicon, served under the CSP', async () => {
    const href = await e2e.page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await e2e.page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') };
    }, href!);
    expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
  });
});

describe.skipIf(missing !== undefined)('at 1024×640', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: 1024, height: 640 } });
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
    await id('deploy-submit').click();
    await id('contract-item').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The header's height, and whether each of its parts lies inside it. */
  async function header(): Promise<{ height: number; inside: boolean[] }> {
    return e2e.page.locator('[data-testid="result-panel"] > header').evaluate((h) => {
      const box = h.getBoundingClientRect();
      const parts = [...h.children].filter((c) => c.getBoundingClientRect().width > 0);
      return {
        height: box.height,
        inside: parts.map((c) => c.getBoundingClientRect().right <= box.right + 0.5),
      };
    });
  }

  test('the result header stays one line when an error appears', async () => {
    await id('call-fn').selectOption('increment');
    await id('call-submit').click();
    await id('result-panel').waitFor();
    const ok = await header();
    expect(ok.inside.every(Boolean)).toBe(true);
    await id('call-gas').fill('10');
    await id('call-submit').click();
    await id('result-error').waitFor();
    const failed = await header();
    expect(failed.height).toBe(ok.height);
    expect(failed.inside.every(Boolean)).toBe(true);
    expect(await id('result-status').getAttribute('title')).toBe('OutOfGas');
    await e2e.screenshot('result-header-1024');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
