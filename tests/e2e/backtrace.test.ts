/**
 * A trap's backtrace, as a user sees it: the WebAssembly frames under the error, innermost first,
 * by function name (a Rust symbol demangled) under the contract's name: in the Calls result, in
 * the call tree's failed frame and on the failed exit in Steps. The contract is the callee of
 * engine/testing/backtrace-contracts.ts: trap_deep → middle → callee::inner, which traps.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { calleeContract, INNER_DEMANGLED } from '../../engine/testing/backtrace-contracts';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
/** The frames innermost first, as the contract's name section names its functions. */
const FRAMES = [INNER_DEMANGLED, 'middle', 'outer'].map((name) => `at ${name}`);

describe.skipIf(missing !== undefined)('a trap backtrace in the browser', () => {
  let e2e: E2E;
  let contract: string;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const texts = async (testid: string) =>
    (await id(testid).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    e2e = await startE2E();
    const session = await e2e.service.openSession({ name: 'traps' });
    const hex = '0x' + Buffer.from(await calleeContract()).toString('hex');
    const deployed = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'bytes', hex, name: 'callee' },
    });
    contract = deployed.contractId!;
    await id('session-item').filter({ hasText: 'traps' }).click();
    await id('contract-item').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('the frames under the error in Calls, the call tree and Steps', async () => {
    await id('call-fn').selectOption('trap_deep');
    await id('call-arg-mode-none').check({ force: true }); // a visually hidden radio
    await id('call-submit').click();

    // Under the result's error: the three frames, innermost first, under the callee's name.
    await expect.poll(() => texts('result-error-backtrace-frame')).toEqual(FRAMES);
    const groups = id('result-error-backtrace-group');
    expect(await groups.count()).toBe(1);
    const label = groups.getByTestId('contract-label');
    expect(await label.getAttribute('data-contract')).toBe(contract);
    expect(await label.innerText()).toContain('callee');
    expect(await id('result-error-backtrace-more').count()).toBe(0);

    // The call tree's failed frame (selected first: the root) has the same stack.
    await expect.poll(() => texts('call-tree-backtrace-frame')).toEqual(FRAMES);
    await e2e.screenshot('calls-backtrace');

    // Stepping through: the failed exit carries the error and its frames.
    await id('result-step-through').click();
    await expect.poll(() => id('step-kind').innerText()).toMatch(/^before call #\d+$/);
    await id('step-last').click();
    await expect.poll(() => texts('step-error-backtrace-frame')).toEqual(FRAMES);
    await e2e.screenshot('steps-backtrace');
  });
});
