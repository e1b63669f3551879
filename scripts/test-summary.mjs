// Prints `N passed, N failed` from vitest's JSON report (the line CI reads). Further arguments name
// check steps that failed before the tests (lint, typecheck, build…): each counts as one failure.
import { readFileSync } from 'node:fs';

const [path = 'test-artifacts/vitest-report.json', ...failedChecks] = process.argv.slice(2);
// The detail goes on its own line: the last line stays exactly `N passed, N failed`.
if (failedChecks.length > 0) console.log(`failed checks: ${failedChecks.join(', ')}`);
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (e) {
  console.log(`no test report at ${path}: ${e.message}`);
  console.log(`0 passed, ${1 + failedChecks.length} failed`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// Files that failed to load count as failures too: their tests never ran.
const failedSuites = (report.testResults ?? []).filter(
  (r) => r.status === 'failed' && r.assertionResults.length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + failedSuites + failedChecks.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
