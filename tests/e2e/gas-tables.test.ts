/**
 * Gas tables end to end, through the UI only: open a session choosing piecrust 0.19, call, and
 * see the table next to every gas figure (result, status bar, session tab, Steps); the same call
 * in a HEAD session costs more and says so; a commit keeps its table (the session that continues
 * it, the new-session form's default, the Graph's details), and a commit from before tables were
 * recorded says "not recorded". Screenshots: gas-tables-*.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openFileStore } from '../../engine/store/file-store';
import { createVm } from '../../engine/vm/vm';
import { e2eMissing, startE2E, type E2E } from './harness';
import { short, showView } from './history';

const missing = e2eMissing();
const COUNTER = fileURLToPath(new URL('../../contracts/build/counter.wasm', import.meta.url));

describe.skipIf(missing !== undefined)('gas tables (browser mode)', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  /** The gas figure of the result panel, as a number. */
  const resultGas = async () =>
    Number((await id('result-gas').locator('strong').innerText()).replace(/,/g, ''));

  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function deployAndIncrement(): Promise<void> {
    await id('deploy-sample').selectOption('counter');
    await id('deploy-submit').click();
    await id('contract-item').first().waitFor();
    await id('call-fn').selectOption('increment');
    await id('call-submit').click();
    await expect.poll(() => text('result-panel')).toContain('counter.increment');
  }

  let gas019 = 0;

  test('a session opened on 0.19 says so, and so does every gas figure of its calls', async () => {
    await id('session-new').click();
    // Genesis: the engine's default table, described.
    expect(await id('session-gas-table').inputValue()).toBe('head');
    expect(await text('session-gas-table-hint')).toContain('piecrust 0.32');
    await id('session-gas-table').selectOption('0.19');
    expect(await text('session-gas-table-hint')).toContain('piecrust 0.19');
    await id('session-name').fill('old-gas');
    await id('session-open').click();
    await expect.poll(() => text('session-tab')).toContain('old-gas');
    expect(await text('session-tab-gas-table')).toBe('0.19');
    expect(await text('session-item-gas-table')).toBe('0.19');

    await deployAndIncrement();
    expect(await text('result-gas-table')).toBe('0.19');
    expect(await text('result-gas')).toMatch(/^[\d,]+\s*of [\d,]+ gas\s*0\.19$/);
    gas019 = await resultGas();
    expect(await text('status-gas')).toMatch(/increment · [\d,]+ gas · 0\.19/);
    await e2e.screenshot('gas-tables-calls');

    await id('view-tab-steps').click();
    await expect.poll(() => text('step-gas-table')).toBe('0.19');
    await e2e.screenshot('gas-tables-steps');
    await id('view-tab-calls').click();
  });

  test('the same call in a HEAD session costs more, and its figure says head', async () => {
    await id('session-new').click();
    expect(await id('session-gas-table').inputValue()).toBe('head');
    await id('session-name').fill('head-gas');
    await id('session-open').click();
    await expect.poll(() => id('session-tab').count()).toBe(2);
    await deployAndIncrement();
    expect(await text('result-gas-table')).toBe('head');
    expect(await resultGas()).toBeGreaterThan(gas019);
    const tabs = await id('session-tab-gas-table').allInnerTexts();
    expect(tabs).toEqual(['0.19', 'head']);
  });

  test('a 0.19 commit goes on in 0.19; the new-session form and the graph say its table', async () => {
    await id('session-tab').first().locator('[role="tab"]').click();
    await expect.poll(() => text('status-session')).toContain('old-gas');
    await id('commit-open').click();
    await id('commit-label').fill('flat gas');
    await id('commit-submit').click(); // continues in a new session on the commit
    await expect
      .poll(async () => (await e2e.service.commitGraph()).map((c) => c.label))
      .toContain('flat gas');
    const commit = (await e2e.service.commitGraph()).find((c) => c.label === 'flat gas')!;
    // The continuing session was opened without a table: it got the commit's.
    await expect
      .poll(async () => (await id('session-tab-gas-table').allInnerTexts()).sort())
      .toEqual(['0.19', 'head']);

    await id('session-new').click();
    await id('session-base').selectOption(commit.root);
    expect(await id('session-gas-table').inputValue()).toBe('0.19');
    await id('session-gas-table').selectOption('head');
    expect(await text('session-gas-table-mixed')).toContain('metered with 0.19');
    await e2e.screenshot('gas-tables-new-session');
    await id('session-gas-table').selectOption('0.19');
    expect(await id('session-gas-table-mixed').count()).toBe(0);
    await id('session-new').click(); // close the form

    await showView(e2e.page, 'graph');
    await e2e.page.getByTestId(`graph-node-${short(commit.root)}`).click();
    await id('commit-details').waitFor();
    expect(await text('commit-details-gas-table')).toContain('0.19');
    expect(await text('commit-details-gas-table')).toContain('piecrust 0.19');
    await e2e.screenshot('gas-tables-graph');
  });

  test('a commit from before tables were recorded: "not recorded"', async () => {
    // A store whose index predates gas tables (schema v1): its commits record none.
    const path = join(dirname(e2e.storePath), 'old.pis');
    const vm = await createVm({ store: await openFileStore(path, { schemaVersion: 1 }) });
    const s = vm.session();
    s.deploy(new Uint8Array(readFileSync(COUNTER)), { owner: new Uint8Array(32) }, 1_000_000n);
    const root = await s.commit('before tables');
    await vm.close();

    await id('workspace-toggle').click();
    await id('workspace-path-input').fill(path);
    await id('workspace-open').click();
    await expect.poll(() => text('workspace-path')).toContain('old.pis');
    await e2e.page.getByTestId(`graph-node-${short(root)}`).click();
    await expect.poll(() => text('commit-details-gas-table')).toBe('not recorded');
  });
});
