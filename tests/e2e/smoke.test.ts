import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('browser mode smoke', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('the served page loads over 127.0.0.1 with its token', async () => {
    await expect.poll(() => e2e.page.title()).toBe('Piecrust Inspector');
    await e2e.screenshot('smoke');
  });

  test('closing removes the store file and the browser profile it made', async () => {
    const other = await startE2E();
    const dir = dirname(other.storePath);
    expect(existsSync(join(dir, 'profile'))).toBe(true);
    await other.close();
    expect(existsSync(dir)).toBe(false);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);
