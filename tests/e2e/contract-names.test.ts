/**
 * Contract names in the app (issue 12, item 2): a deploy names its contract (the form's name or
 * the sample's), the contract card renames it in place, and the name shows with the short id
 * wherever the contract does — Calls (list, card, history, result), the argument editor (a
 * contractId takes the name), Steps, Memory, Diff (cards, page, "written by") and Graph (details
 * and the highlight filter) — also after the page is reloaded.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploySample as deployFromForm } from './deploy-sample';
import { e2eMissing, startE2E, type E2E } from './harness';
import { short } from './history';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('contract names wherever a contract shows', () => {
  let e2e: E2E;
  let counter: string;
  let root: string;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const option = (select: string, value: string) =>
    e2e.page.locator(`[data-testid="${select}"] option[value="${value}"]`).innerText();

  async function deploySample(sample: string, name = ''): Promise<string> {
    await deployFromForm(e2e.page, sample, name);
    await expect.poll(() => text('contract-title')).toContain(name || sample);
    return (await id('contract-title').locator('[data-contract]').getAttribute('data-contract'))!;
  }

  async function rename(name: string): Promise<void> {
    await id('contract-rename').click();
    await id('contract-rename-input').fill(name);
    await id('contract-rename-input').press('Enter');
  }

  beforeAll(async () => {
    e2e = await startE2E();
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('deploys are named by the form or the sample; the card renames in place', async () => {
    const box = await deploySample('box', 'my box');
    expect(await text('contract-title')).toBe(`my box (${short(box)}…)`);
    counter = await deploySample('counter');
    expect(await text('contract-title')).toBe(`counter (${short(counter)}…)`);

    await rename('tally');
    await expect.poll(() => text('contract-title')).toBe(`tally (${short(counter)}…)`);
    const item = e2e.page.locator(`[data-testid="contract-item"][data-contract="${counter}"]`);
    await expect.poll(() => item.innerText()).toContain(`tally (${short(counter)}…)`);
    expect(await e2e.service.contractNames()).toMatchObject({
      [counter]: 'tally',
      [box]: 'my box',
    });

    // Esc cancels; a name the engine refuses keeps the field open with its reason.
    await id('contract-title').dblclick();
    // A name another contract has is allowed, with a word on what it means for arguments.
    await id('contract-rename-input').fill('my box');
    await expect.poll(() => text('contract-rename-same')).toContain('need the contract id');
    await id('contract-rename-input').press('Escape');
    await expect.poll(() => text('contract-title')).toBe(`tally (${short(counter)}…)`);
    await rename('x'.repeat(201));
    await expect.poll(() => text('contract-rename-error')).toContain('this one has 201');
    await id('contract-rename-cancel').click();
    expect(await text('contract-title')).toBe(`tally (${short(counter)}…)`);
    await e2e.screenshot('contract-names-calls');
  });

  test('the call history and result name the contract; a contractId takes its name', async () => {
    await id('call-fn').selectOption('increment');
    await id('call-arg-mode-none').check({ force: true });
    // The history lists the session's calls from the second on.
    await id('call-submit').click();
    await expect.poll(() => text('result-header')).toContain('tally.increment');
    await id('call-submit').click();
    await expect.poll(() => text('call-history-item')).toContain('tally.increment');
    // The call tree's frame: its label (the whole width, so the name fits) and its description.
    const frame = id('call-tree-frame').first();
    expect(await frame.locator('text').textContent()).toContain('tally.increment · ');
    expect(await frame.getAttribute('aria-label')).toContain(
      `increment of tally (${short(counter)}…): `,
    );
    await expect
      .poll(() => text('result-header'))
      .toContain(`tally.increment (${short(counter)}…)`);

    // The argument editor offers the names; the engine encodes the one picked as the id.
    await id('call-arg-mode-value').check({ force: true });
    await id('call-arg').fill('');
    await id('call-arg-name').filter({ hasText: 'tally' }).click();
    await expect.poll(() => id('call-arg').inputValue()).toBe('contractId tally');
    await expect.poll(() => id('call-arg-bytes').getAttribute('data-hex')).toBe(`0x${counter}`);
    expect(await id('call-arg-error').count()).toBe(0);
    await id('call-arg-mode-none').check({ force: true });

    // A real call given the contract by its name: callcenter increments tally.
    const callcenter = await deploySample('callcenter');
    await id('call-fn').selectOption('increment_counter');
    await id('call-arg-mode-value').check({ force: true });
    await id('call-arg').fill('contractId tally');
    await id('call-submit').click();
    await expect
      .poll(() => text('result-header'))
      .toContain(`callcenter.increment_counter (${short(callcenter)}…)`);
    expect(await text('result-status')).toBe('ok');
  });

  test('Steps names the contracts in the timeline, the detail and the page changes', async () => {
    await id('view-tab-steps').click();
    // The callcenter's call, and inside it the frame entering tally.
    await expect.poll(() => id('step-row-call').last().innerText()).toContain(`callcenter (`);
    const nested = id('step-row').filter({ hasText: '→ increment' }).last();
    await expect.poll(() => nested.innerText()).toContain(`tally (${short(counter)}…)`);

    const row = id('step-row-call').filter({ hasText: 'tally' }).last();
    await row.click();
    await expect.poll(() => text('step-detail')).toContain('tally.increment');
    // Into the call and out of it: the exit wrote the counter's page.
    await id('step-forward').click();
    await id('step-forward').click();
    await expect.poll(() => id('step-page').count()).toBeGreaterThan(0);
    expect(await text('step-page')).toContain(`tally (${short(counter)}…)`);
  });

  test('Memory, Diff and Graph name the committed contract; the highlight picks it by name', async () => {
    await id('commit-open').click();
    await id('commit-label').fill('named');
    await id('commit-submit').click();
    await expect
      .poll(async () => (await e2e.service.commitGraph()).find((n) => n.label === 'named')?.root)
      .toBeDefined();
    root = (await e2e.service.commitGraph()).find((n) => n.label === 'named')!.root;

    await id('view-tab-memory').click();
    await expect.poll(() => option('memory-contract', counter)).toBe(`tally (${short(counter)}…)`);

    await id('view-tab-diff').click();
    const genesis = await id('diff-from-genesis').getAttribute('value');
    await id('diff-from').selectOption(genesis!);
    await id('diff-to').selectOption(`c:${root}`);
    await id('diff-compare').click();
    const card = id(`diff-contract-${short(counter)}`);
    await expect.poll(() => card.innerText()).toContain(`tally (${short(counter)}…)`);
    await e2e.page
      .locator(`[data-testid^="diff-page-${short(counter)}-"]`)
      .first()
      .click();
    await expect.poll(() => text('diff-page-panel')).toContain(`tally (${short(counter)}…)`);
    await expect
      .poll(() => id('diff-writer-contract').allInnerTexts())
      .toContain(`tally (${short(counter)}…)`);

    await id('view-tab-graph').click();
    await id(`graph-node-${short(root)}`).click();
    await expect
      .poll(() => text(`commit-details-contract-${short(counter)}`))
      .toBe(`tally (${short(counter)}…)`);
    await id('graph-contract-filter').selectOption({
      label: `tally (${short(counter)}…) · 1 commit`,
    });
    expect(await id('graph-contract-filter').inputValue()).toBe(counter);
    await expect.poll(() => text('graph-match-count')).toContain('1 commit');
    await e2e.screenshot('contract-names-graph');
  });

  test('after a reload the names are still there; an empty name removes one', async () => {
    await e2e.page.reload();
    await id('view-tab-calls').click();
    await e2e.page.locator(`[data-testid="contract-item"][data-contract="${counter}"]`).click();
    await expect.poll(() => text('contract-title')).toBe(`tally (${short(counter)}…)`);
    await id('view-tab-graph').click();
    await id(`graph-node-${short(root)}`).click();
    await expect
      .poll(() => text(`commit-details-contract-${short(counter)}`))
      .toBe(`tally (${short(counter)}…)`);

    await id('view-tab-calls').click();
    await rename('');
    await expect.poll(() => text('contract-title')).toBe(`${short(counter)}…`);
    expect(await e2e.service.contractNames()).not.toHaveProperty(counter);
  });

  test('events name the contract that emitted them', async () => {
    const eventer = await deploySample('eventer', 'emitter');
    await id('call-fn').selectOption('emit_events');
    await expect.poll(() => id('call-arg').inputValue()).toBe('u32 3');
    await id('call-submit').click();
    await expect
      .poll(() => id('result-events').locator('tbody tr').first().innerText())
      .toContain(`emitter (${short(eventer)}…)`);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
