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
  // The radio is visually hidden: a user clicks its label (a forced click on the radio's own
  // 1-pixel box can land on whatever is drawn over it, and then nothing is checked).
  await page.locator('label', { has: id('deploy-source-sample') }).click();
  await expect.poll(() => id('deploy-source-sample').isChecked()).toBe(true);
  await id('deploy-sample').selectOption(sample);
  // The name field offers the sample's name; blank deploys under it.
  await expect.poll(() => id('deploy-name').getAttribute('placeholder')).toBe(sample);
  await id('deploy-name').fill(name);
  await id('deploy-submit').click();
  await expect.poll(() => id('contract-card').first().innerText()).toContain(name || sample);
}
