/**
 * A failed call, as a user sees it: one gas figure (spent of the limit, "failed, no receipt") in
 * the result, the history, the status bar and the Steps view; its call tree with the failed
 * frames; and the writes the revert undid. The contract and the expected gas come from
 * engine/testing/failing-contract.ts (the cost table, term by term).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CALL_TRAP_THEN_PANIC_GAS,
  CALLEE_LIMIT,
  failingContract,
  selfArg,
  WRITE_PANIC_GAS,
  WRITE_TRAP_GAS,
} from '../../engine/testing/failing-contract';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
const grouped = (n: bigint | number): string => n.toLocaleString('en-US');

describe.skipIf(missing !== undefined)('failed calls in the browser', () => {
  let e2e: E2E;
  let contract: string;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  /** What a user reads: the element's text with its layout's line breaks as spaces. */
  const text = async (testid: string) =>
    (await id(testid).first().innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    e2e = await startE2E();
    const session = await e2e.service.openSession({ name: 'failing' });
    const hex = '0x' + Buffer.from(await failingContract()).toString('hex');
    const deployed = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'bytes', hex, name: 'failing' },
    });
    contract = deployed.contractId!;
    await id('session-item').filter({ hasText: 'failing' }).click();
    await id('contract-item').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function call(fn: string, gas: string, argHex?: string): Promise<void> {
    await id('call-fn').selectOption(fn);
    if (argHex === undefined)
      await id('call-arg-mode-none').check({ force: true }); // a visually hidden radio
    else {
      await id('call-arg-mode-hex').check({ force: true });
      await id('call-arg').fill(argHex);
    }
    await id('call-gas').fill(gas);
    await id('call-submit').click();
    await expect.poll(() => text('result-panel')).toContain(`.${fn}`);
  }

  test('a panic: the same gas everywhere, its frame and the writes it lost', async () => {
    await call('write_panic', '10000');
    const sentence = `${grouped(WRITE_PANIC_GAS)} of 10,000 gas — failed, no receipt`;
    // The figure, then the gas table it is counted in.
    await expect.poll(() => text('result-gas')).toBe(`${sentence} head`);
    expect(await text('result-status')).toContain('Panic');
    expect(await text('status-gas')).toBe(
      `write_panic · ${grouped(WRITE_PANIC_GAS)} gas — failed (Panic) · head`,
    );

    // The frame that ran, marked failed.
    const frame = id('call-tree-frame').first();
    expect(await frame.getAttribute('data-failed')).toBe('Panic');
    expect(await text('call-tree-failure')).toContain(sentence);

    // The writes the revert undid: page 1's word at 70000 (0x00011170) and the message at A.
    const pages = id('reverted-page');
    await expect.poll(() => pages.count()).toBe(2);
    const page1 = pages.and(e2e.page.locator('[data-page="1"]'));
    expect(await page1.innerText()).toContain('0x00011170');
    expect(await page1.innerText()).toMatch(/00\s*→\s*07/);
    await e2e.screenshot('calls-failed');

    // Stepping through it shows the same figure and the same writes.
    await id('result-step-through').click();
    await expect.poll(() => text('step-kind')).toMatch(/^before call #\d+$/);
    expect(await text('step-call-gas')).toBe(sentence);
    await id('step-last').click();
    await expect.poll(() => text('step-gas')).toBe(sentence);
    await expect
      .poll(() => id('step-reverted-writes').locator('[data-testid="reverted-page"]').count())
      .toBe(2);
    await e2e.screenshot('steps-failed-exit');
    await id('view-tab-calls').click();
  });

  test('out of gas: the whole limit, in the same words', async () => {
    await call('write_spin', '4321');
    await expect
      .poll(() => text('result-gas'))
      .toBe('4,321 of 4,321 gas — failed, no receipt head');
    // The history (shown from two calls on), newest first: both failed calls with their gas.
    const history = id('call-history-gas');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.allInnerTexts()).toEqual([
      '4,321 gas — failed',
      `${grouped(WRITE_PANIC_GAS)} gas — failed`,
    ]);
  });

  test('a failed callee inside a failed call: both frames, each with its own spend', async () => {
    const arg = Buffer.from(selfArg(contract)).toString('hex');
    await call('call_trap_then_panic', '100000', arg);
    await expect
      .poll(() => text('result-gas'))
      .toBe(`${grouped(CALL_TRAP_THEN_PANIC_GAS)} of 100,000 gas — failed, no receipt head`);
    const frames = id('call-tree-frame');
    await expect.poll(() => frames.count()).toBe(2);
    expect(await frames.nth(1).getAttribute('data-failed')).toBe('RuntimeError');
    await frames.nth(1).click();
    expect(await text('call-tree-failure')).toContain(
      `${grouped(WRITE_TRAP_GAS)} of ${grouped(CALLEE_LIMIT)} gas — failed; its caller was charged the whole limit (${grouped(CALLEE_LIMIT)})`,
    );
    await e2e.screenshot('calls-failed-nested');
  });
});
