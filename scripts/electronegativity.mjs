#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security linter) over what ships in the desktop app:
 * electron/ (main, preload, engine host; not its tests), renderer/index.html and the renderer's
 * TypeScript, with package.json for the Electron version. A CI check (.ci/run): exits 1 on any
 * finding that is neither disabled where it is (an `eng-disable` comment beside a comment saying
 * why) nor accepted below with its reason, on a file it could not parse (then it was not checked),
 * and on an accepted finding that no longer occurs (so the list cannot go stale).
 *
 * Run through its API rather than its CLI: the CLI exits 0 whatever it finds, and reads its
 * options through whichever `commander` npm hoists (it declares none; with commander 7, from d3,
 * it ignores `--input`).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Findings reviewed and accepted: the check, the file, and why it is not a problem. */
export const ACCEPTED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "Google's csp-evaluator asks for a review of every script-src 'self' (JSONP, AngularJS or " +
      "uploads on the page's own origin would be scripts). The origin is app://renderer, whose " +
      'only content is the build output (app-protocol.ts), and in browser mode the token-guarded ' +
      'server of the same build: no JSONP, no AngularJS, nothing uploaded is ever served.',
  },
];

/**
 * Checks left out. AvailableSecurityFixesGlobalCheck downloads Electron's release list from
 * GitHub: CI has no such network, and a check whose answer depends on the day cannot gate a
 * commit; Electron updates arrive through package.json like every other dependency.
 * ElectronVersionJSONCheck is not a finding but that check's input (it reports the version in
 * package.json, always); the version for every other check is still read from package.json.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

/** The files to scan, relative to the repository, copied into `dir` with the same layout. */
function stage(dir) {
  const shipped = (src) => !src.endsWith('.test.ts');
  cpSync(join(ROOT, 'electron'), join(dir, 'electron'), { recursive: true, filter: shipped });
  cpSync(join(ROOT, 'renderer/src'), join(dir, 'renderer/src'), {
    recursive: true,
    filter: shipped,
  });
  cpSync(join(ROOT, 'renderer/index.html'), join(dir, 'renderer/index.html'));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
}

/** Splits findings into accepted and not, and lists accepted entries that matched nothing. */
export function judge(issues, accepted = ACCEPTED) {
  const matches = (a, i) => a.id === i.id && a.file === i.file;
  return {
    failing: issues.filter((i) => !accepted.some((a) => matches(a, i))),
    accepted: issues.filter((i) => accepted.some((a) => matches(a, i))),
    stale: accepted.filter((a) => !issues.some((i) => matches(a, i))),
  };
}

async function main() {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity');
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    stage(dir);
    const result = await run(
      { input: dir, isRelative: true, excludeFromScan: EXCLUDED_CHECKS, parserPlugins: [] },
      false,
    );
    const files = readdirSync(dir, { recursive: true }).length;
    const { failing, accepted, stale } = judge(result.issues);
    const where = (i) => `${i.file}:${i.location.line}:${i.location.column}`;
    for (const i of accepted) console.log(`accepted ${i.id} ${where(i)}`);
    for (const i of failing)
      console.log(
        `FINDING ${i.id} ${where(i)} (${i.severity.name}, ${i.confidence.name}` +
          `${i.manualReview ? ', review' : ''}): ${i.description} ${i.shortenedURL ?? ''}`,
      );
    const unparsed = result.errors.filter((e) => !e.tolerable);
    for (const e of unparsed) console.log(`NOT CHECKED ${e.file}: ${e.message}`);
    for (const a of stale) console.log(`STALE acceptance ${a.id} ${a.file}: it no longer occurs`);
    console.log(
      `electronegativity: ${result.globalChecks + result.atomicChecks} checks over ${files} ` +
        `files: ${failing.length} findings, ${accepted.length} accepted, ` +
        `${unparsed.length} unparsed, ${stale.length} stale`,
    );
    process.exitCode = failing.length + unparsed.length + stale.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
