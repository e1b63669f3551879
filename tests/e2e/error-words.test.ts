/**
 * Errors as a user meets them, in the browser, each naming its real cause with the numbers that
 * explain it (issue 10, item 8): a text file or a directory deployed, the same contract deployed
 * twice, invalid.wasm's wrongly typed export, a script's failed steps, 4 bytes decoded as u64.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
const BUILD = fileURLToPath(new URL('../../contracts/build/', import.meta.url));

describe.skipIf(missing !== undefined)('errors name their real cause', () => {
  let e2e: E2E;
  const dir = mkdtempSync(join(tmpdir(), 'pi-e2e-errors-'));
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();

  async function deployPath(path: string): Promise<void> {
    await id('deploy-source-path').check({ force: true });
    await id('deploy-path').fill(path);
    await id('deploy-submit').click();
  }

  beforeAll(async () => {
    e2e = await startE2E();
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('a text file deployed is not a WebAssembly module: its size and first bytes, no trap', async () => {
    const notes = join(dir, 'notes.wasm');
    writeFileSync(notes, 'hello, this is not wasm\n');
    await deployPath(notes);
    await expect.poll(() => text('deploy-error')).toContain('Not a WebAssembly module');
    const shown = await text('deploy-error');
    expect(shown).toContain('It has 24 bytes, starting 68 65 6c 6c 6f 2c 20 74 (text)');
    expect(shown).toContain('00 61 73 6d 01 00 00 00');
    expect(shown).not.toMatch(/trapped|division by zero/);
    await e2e.screenshot('error-not-wasm');
  });

  test('a file picked in the browser that is not wasm says the same', async () => {
    await id('deploy-source-file').check({ force: true });
    await id('deploy-file').setInputFiles({
      name: 'empty.wasm',
      mimeType: 'application/wasm',
      buffer: Buffer.alloc(0),
    });
    await id('deploy-submit').click();
    await expect.poll(() => text('deploy-error')).toContain('It is empty (0 bytes)');
    expect(await text('deploy-error')).toContain('Not a WebAssembly module');
  });

  test('a directory deployed is a directory', async () => {
    const folder = join(dir, 'target');
    mkdirSync(folder);
    await deployPath(folder);
    await expect.poll(() => text('deploy-error')).toContain('Path is a directory');
    expect(await text('deploy-error')).toContain(`${folder} is a directory, not a file`);
  });

  test('invalid.wasm exports bad_function with the wrong type: both signatures', async () => {
    await deployPath(`${BUILD}invalid.wasm`);
    await expect.poll(() => text('deploy-error')).toContain('Export has the wrong type');
    const shown = await text('deploy-error');
    expect(shown).toContain('exports bad_function as (i64) -> (i64)');
    expect(shown).toContain('as (i32) -> (i32)');
    expect(shown).not.toContain('does not export');
  });

  test('the same contract deployed twice is a duplicate id; another id deploys a second copy', async () => {
    await id('deploy-source-sample').check({ force: true });
    await id('deploy-sample').selectOption('stack');
    await id('deploy-submit').click();
    await id('contract-item').waitFor();
    const first = await id('contract-item').first().getAttribute('data-contract');
    await id('contract-deploy-open').click();
    await id('deploy-submit').click();
    await expect.poll(() => text('deploy-error')).toContain('Contract already deployed');
    const shown = await text('deploy-error');
    expect(shown).toContain(`A contract with id ${first!.slice(0, 8)}…`);
    expect(shown).toContain('already deployed in this session');
    expect(shown).not.toContain('Check the init argument');
    await e2e.screenshot('error-duplicate-id');
    await id('deploy-advanced').click();
    await id('deploy-id').fill('22'.repeat(32));
    await id('deploy-submit').click();
    await expect.poll(() => id('contract-item').count()).toBe(2);
  });

  test('4 bytes decoded as u64: the type, its size and the byte count', async () => {
    await id('call-fn').selectOption('len');
    await id('call-submit').click();
    await expect.poll(() => text('result-panel')).toContain('stack.len');
    await id('result-decode-type').fill('u64');
    await id('result-decode-type').press('Enter');
    await expect.poll(() => text('result-decode-error')).toContain('4 bytes are not a u64');
    expect(await text('result-decode-error')).toContain(
      'cannot decode 4 bytes as u64: a u64 is 8 bytes',
    );
  });

  test('a script’s failed steps name their error once, with its cause', async () => {
    const script = join(dir, 'failing.json');
    writeFileSync(
      script,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 's' },
          { op: 'deploy', session: 's', wasm: `${BUILD}counter.wasm`, name: 'c' },
          { op: 'call', session: 's', contract: 'c', fn: 'nope' },
          { op: 'deploy', session: 's', wasm: `${BUILD}counter.wasm`, name: 'again' },
        ],
      }),
    );
    await id('view-tab-steps').click();
    await id('steps-tab-script').click();
    await id('script-path').fill(script);
    await id('script-load').click();
    await id('script-run').click();
    await id('script-done').waitFor();
    const failed = e2e.page.locator('[data-testid="script-result"][data-passed="false"]');
    expect(await failed.count()).toBe(2);
    const [call, deploy] = await failed.allInnerTexts();
    expect(call).toMatch(/expected success, got RuntimeError: contract \w+ does not export `nope`/);
    expect(deploy).toContain('is already deployed in this session');
    for (const row of [call, deploy]) expect(row).not.toMatch(/(\w+Error): \1:/);
    await e2e.screenshot('error-script-results');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
