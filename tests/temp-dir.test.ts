import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { expect, test } from 'vitest';

test("the run's temporary files go into its own folder, which the run removes at its end", () => {
  // tests/temp-dir-setup.mjs points TMPDIR there before any test file runs.
  expect(basename(tmpdir())).toMatch(/^pi-test-run-/);
});
