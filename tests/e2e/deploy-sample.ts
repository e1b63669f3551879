/**
 * Deploying a bundled sample through the Calls view's deploy form, as a user does (the e2e tests
 * that need contracts to work on start here).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Deploy `sample`, named `name` (blank: the sample's own), and wait for its card. */
export async function deploySample(page: Page, sample: string, name = ''): Promise<void> {
  const id = (testid: string) => page.getByTestId(testid);
  if ((await id('deploy-sample').count()) === 0) await id('contract-deploy-open').click();
  await id('deploy-source-sample').check({ force: true });
  await id('deploy-sample').selectOption(sample);
  // The name field offers the sample's name; blank deploys under it.
  await expect.poll(() => id('deploy-name').getAttribute('placeholder')).toBe(sample);
  await id('deploy-name').fill(name);
  await id('deploy-submit').click();
  await expect.poll(() => id('contract-card').first().innerText()).toContain(name || sample);
}
