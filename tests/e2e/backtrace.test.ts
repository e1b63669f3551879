/**
 * A trap's backtrace, as a user sees it: the WebAssembly frames under the error, innermost first,
 * by function name (a Rust symbol demangled) under the contract's name: in the Calls result, in
 * the call tree's failed frame and on the failed exit in Steps. The contract is the callee of
 * engine/testing/backtrace-contracts.ts: trap_deep → middle → callee::inner, which traps.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { calleeContract, INNER_DEMANGLED } from '../../engine/testing/backtrace-contracts';
import { contractWat, wat } from '../../engine/testing/wat';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
/** The frames innermost first, as the contract's name section names its functions. */
const FRAMES = [INNER_DEMANGLED, 'middle', 'outer'].map((name) => `at ${name}`);

/**
 * A deep stack with a long name: `deep` calls a recursive function DEPTH levels down, which traps
 * at the bottom: DEPTH + 1 frames of it, then `deep`'s. The name has no spaces, as a Rust path.
 */
const DEPTH = 20;
const LONG_NAME = `recurse_${'through_every_level_of_a_long_rust_path_'.repeat(4)}end`;
const RECURSION = `
  (func $deep (export "deep") (param i32) (result i32) (call $${LONG_NAME} (i32.const ${DEPTH})))
  (func $${LONG_NAME} (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (unreachable)))
    (call $${LONG_NAME} (i32.sub (local.get 0) (i32.const 1))))`;

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
    const deep = await wat(contractWat(RECURSION), { debugNames: true });
    await e2e.service.deploy({
      session: session.id,
      source: { kind: 'bytes', hex: '0x' + Buffer.from(deep).toString('hex'), name: 'recursion' },
    });
    await id('session-item').filter({ hasText: 'traps' }).click();
    await id('contract-item').first().waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('the frames under the error in Calls, the call tree and Steps', async () => {
    await id('contract-item').filter({ hasText: 'callee' }).click();
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

  test('a deep stack folds after 12 frames, unfolds on "N more", and long names wrap', async () => {
    await id('view-tab-calls').click();
    await id('contract-item').filter({ hasText: 'recursion' }).click();
    await id('call-fn').selectOption('deep');
    await id('call-arg-mode-none').check({ force: true });
    await id('call-submit').click();

    const total = DEPTH + 2;
    const frames = id('result-error-backtrace-frame');
    await expect.poll(() => frames.count()).toBe(12);
    expect(await texts('result-error-backtrace-more')).toEqual([`${total - 12} more`]);
    await e2e.screenshot('calls-backtrace-folded');
    await id('result-error-backtrace-more').click();
    await expect.poll(() => frames.count()).toBe(total);
    expect(await id('result-error-backtrace-more').count()).toBe(0);
    const shown = await texts('result-error-backtrace-frame');
    expect(shown.at(-1)).toBe('at deep');
    expect(new Set(shown.slice(0, -1))).toEqual(new Set([`at ${LONG_NAME}`]));
    // One contract, one group; the long name wraps inside the panel instead of widening it.
    expect(await id('result-error-backtrace-group').count()).toBe(1);
    const panel = id('result-panel');
    const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    const lines = await frames.first().evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.height / parseFloat(getComputedStyle(el).lineHeight);
    });
    expect(lines).toBeGreaterThan(1.5);
  });
});
