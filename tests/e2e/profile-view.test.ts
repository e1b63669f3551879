/**
 * The Profile view end to end, through the UI only: a call profiled from Calls is the call (the
 * history lists it, the result shows its gas); its profile's table of functions adds up to that
 * gas and sorts; a second call (another argument) diffs against the first (the largest change
 * first, the summary's Δ the difference of the two calls' gas); the folded export sums to the
 * gas; Steps → "Profile this call" runs the recorded call again and says the gas matched, and
 * so does a script's call step.
 * Screenshots: profile-*, at 1280×800 and 900 px wide.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploySample } from './deploy-sample';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
const EXAMPLE = fileURLToPath(new URL('../../examples/sessions.json', import.meta.url));
const gasOf = (text: string): bigint => BigInt(text.replace(/[,\s]/g, ''));
/** "+1,234" / "−56" as a bigint. */
const signedOf = (text: string): bigint => {
  const t = text.trim().replace(/,/g, '');
  return t.startsWith('−') ? -BigInt(t.slice(1)) : BigInt(t.replace(/^\+/, ''));
};

describe.skipIf(missing !== undefined)('the Profile view (browser mode)', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const resultGas = async () => gasOf(await id('result-gas').locator('strong').innerText());
  let gas10 = 0n;
  let gas14 = 0n;

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: 1280, height: 800 } });
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** Calls → Profile with `arg` typed; the result's gas. */
  async function profileNth(arg: string, calls: number): Promise<bigint> {
    await id('view-tab-calls').click();
    await id('call-fn').selectOption('nth');
    await id('call-arg-mode-value').check({ force: true }); // a visually hidden radio
    await id('call-arg').fill(arg);
    await expect.poll(() => text('call-arg-type')).toBe('u32');
    await id('call-profile').click();
    // It is the call: counted with the session's calls, in the history like any other (listed
    // from two calls on), its result in the panel.
    await expect
      .poll(() => text('session-item'))
      .toContain(`1 deploy · ${calls} call${calls === 1 ? '' : 's'}`);
    expect(await text('result-status')).toBe('ok');
    const gas = await resultGas();
    if (calls > 1) {
      expect(await text('call-history-count')).toBe(`${calls} calls`);
      expect(await id('call-history-gas').first().innerText()).toContain(
        gas.toLocaleString('en-US'),
      );
    }
    return gas;
  }

  test('before any profile, the view says how to get one', async () => {
    await id('view-tab-profile').click();
    await expect.poll(() => text('profile-empty')).toContain('Profile this call');
    expect(await text('profile-empty')).toContain('Calls');
    await e2e.screenshot('profile-empty');
    await id('view-tab-calls').click();
    await id('calls-empty-new-session').click();
    await deploySample(e2e.page, 'fibonacci');
  });

  test('Calls → Profile makes the call; its profile adds up to the call’s gas and sorts', async () => {
    gas10 = await profileNth('u32 10', 1);
    expect(gas10).toBeGreaterThan(0n);
    await e2e.screenshot('profile-calls');
    await id('result-open-profile').click();
    await expect.poll(() => text('profile-gas')).toBe(gas10.toLocaleString('en-US'));

    // The selfs of the functions add up to the call's gas, as the totals line says.
    const selfs = (await id('function-self').allInnerTexts()).map(gasOf);
    expect(selfs.length).toBeGreaterThan(0);
    expect(selfs.reduce((a, b) => a + b, 0n)).toBe(gas10);
    expect(await text('function-totals')).toContain(
      `add up to ${gas10.toLocaleString('en-US')} gas, the call's gas`,
    );
    // Most self gas first, as the engine orders them.
    expect(selfs).toEqual([...selfs].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

    // A sort by calls, most first, then least first.
    const calls = async () => (await id('function-calls').allInnerTexts()).map(Number);
    await id('sort-calls').locator('button').click();
    expect(await id('sort-calls').getAttribute('aria-sort')).toBe('descending');
    expect(await id('sort-self').getAttribute('aria-sort')).toBe('none');
    const down = await calls();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await id('sort-calls').locator('button').click();
    expect(await id('sort-calls').getAttribute('aria-sort')).toBe('ascending');
    const up = await calls();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(up.length).toBe(selfs.length);
    // The view is kept while another is shown: back in it, the table is as it was left.
    await id('view-tab-calls').click();
    await id('view-tab-profile').click();
    expect(await id('sort-calls').getAttribute('aria-sort')).toBe('ascending');
    await e2e.screenshot('profile-table');
  });

  test('the search filters the table', async () => {
    const names = await id('function-name').allInnerTexts();
    const needle = names[0].slice(0, Math.min(4, names[0].length));
    await id('profile-search').fill(needle);
    await expect
      .poll(async () =>
        (await id('function-name').allInnerTexts()).every((n) =>
          n.toLowerCase().includes(needle.toLowerCase()),
        ),
      )
      .toBe(true);
    await id('profile-search').fill('no-such-function-anywhere');
    await expect.poll(() => id('function-row').count()).toBe(0);
    await id('profile-search').fill('');
    await expect.poll(() => id('function-row').count()).toBe(names.length);
  });

  test('Export folded: the downloaded file’s lines sum to the call’s gas', async () => {
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      id('export-folded').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.folded$/);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    const sum = lines.reduce((s, line) => s + BigInt(line.slice(line.lastIndexOf(' ') + 1)), 0n);
    expect(sum).toBe(gas10);
  });

  test('Export speedscope: a speedscope file whose weights sum to the call’s gas', async () => {
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      id('export-speedscope').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.speedscope\.json$/);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      $schema: string;
      profiles: Array<{ weights: number[] }>;
    };
    expect(file.$schema).toContain('speedscope');
    const weights = file.profiles.flatMap((p) => p.weights);
    expect(BigInt(weights.reduce((a, b) => a + b, 0))).toBe(gas10);
  });

  test('a second call diffs against the first: the largest change first, Δ = the gas difference', async () => {
    gas14 = await profileNth('u32 14', 2);
    expect(gas14).toBeGreaterThan(gas10);
    await id('view-tab-profile').click();
    await expect.poll(() => id('profile-picker').locator('option').count()).toBe(2);
    await id('profile-mode-diff').check({ force: true });
    // The two newest: the first as A, the newest as B.
    await expect.poll(() => text('diff-summary')).toContain(gas14.toLocaleString('en-US'));
    expect(signedOf(await text('diff-summary-delta'))).toBe(gas14 - gas10);
    const deltas = (await id('diff-self-delta').allInnerTexts()).map(signedOf);
    expect(deltas.length).toBeGreaterThan(0);
    const size = (d: bigint) => (d < 0n ? -d : d);
    expect(deltas.every((d) => size(d) <= size(deltas[0]))).toBe(true);
    expect(size(deltas[0])).toBeGreaterThan(0n);
    // Every function's change adds up to the calls' difference.
    expect(deltas.reduce((a, b) => a + b, 0n)).toBe(gas14 - gas10);
    await e2e.screenshot('profile-diff');

    // Swapped: A is the larger call now, so the difference turns negative.
    await id('diff-swap').click();
    await expect.poll(async () => signedOf(await text('diff-summary-delta'))).toBe(gas10 - gas14);

    await e2e.page.setViewportSize({ width: 900, height: 800 });
    await e2e.screenshot('profile-diff-narrow');
    // The view bar with its sixth tab still fits a narrow window: nothing past its right edge.
    for (const width of [1024, 900]) {
      await e2e.page.setViewportSize({ width, height: 800 });
      const overflow = await e2e.page.evaluate(() => {
        const bar = document.querySelector('[aria-label="Views"]')!.parentElement!;
        const right = bar.getBoundingClientRect().right;
        return [...bar.querySelectorAll('*')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .some((r) => r.right > right + 0.5);
      });
      expect(overflow, `the view bar overflows at ${width} px`).toBe(false);
    }
    await e2e.page.setViewportSize({ width: 900, height: 800 });
    await id('profile-mode-profile').check({ force: true });
    await e2e.screenshot('profile-narrow');
    await e2e.page.setViewportSize({ width: 1280, height: 800 });
  });

  test('Steps → Profile this call: the recorded call again, its gas matched', async () => {
    await id('view-tab-calls').click();
    await id('result-step-through').click();
    await id('step-profile').waitFor();
    await e2e.screenshot('profile-steps-button');
    await id('step-profile').click();
    await expect
      .poll(() => text('profile-recorded'))
      .toBe(`gas matched the recorded ${gas14.toLocaleString('en-US')}`);
    expect(await text('profile-gas')).toBe(gas14.toLocaleString('en-US'));
    await e2e.screenshot('profile-recorded');
    // Profiling a recorded call again changes nothing: still two calls.
    await id('view-tab-calls').click();
    await expect.poll(() => text('call-history-count')).toBe('2 calls');
  });

  test('a script’s call step → profile: its call again, from the script session’s journal', async () => {
    await id('view-tab-steps').click();
    await id('steps-tab-script').click();
    await id('script-path').fill(EXAMPLE);
    await id('script-load').click();
    // session, deploy, read_value, increment: the profile buttons are the two calls'.
    for (let i = 1; i <= 4; i++) {
      await id('script-step').click();
      await expect.poll(() => id('script-result').count()).toBe(i);
    }
    expect(await id('script-result-profile').count()).toBe(2);
    const increment = id('script-result').nth(3);
    expect(await increment.innerText()).toContain('increment');
    const gas = gasOf(
      (await increment.getByTestId('script-result-gas').innerText()).replace('gas', ''),
    );
    await increment.getByTestId('script-result-profile').click();
    await expect
      .poll(() => text('profile-recorded'))
      .toBe(`gas matched the recorded ${gas.toLocaleString('en-US')}`);
    expect(await text('profile-summary')).toContain('increment');
    await e2e.screenshot('profile-script-step');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
