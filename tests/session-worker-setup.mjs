/**
 * vitest global setup: bundle the session worker once, before any test file runs, and have every
 * session thread of the run start from that bundle (engine/threads/worker-entry.ts reads
 * PIECRUST_SESSION_WORKER when it runs from the TypeScript sources). A thread that loads the
 * sources through tsx took 1–3.7 s to start on this machine under load, so the tests that open
 * many sessions spent most of their time starting threads; the bundle, made from the same sources
 * at the start of each run, starts like the CLI's and the app's. The tsx bootstrap keeps its own
 * test (engine/threads/worker-entry.test.ts).
 *
 * The crash test's writer process is bundled the same way (PIECRUST_CRASH_WRITER): it starts
 * eight writers, and through tsx each took seconds to start under load (the test ran 77 s of its
 * 90 s limit).
 */
import { fileURLToPath } from 'node:url';
import { buildSessionWorker, buildTestScript } from '../scripts/build-cli.mjs';

// Two directories below the repository, like out/cli, so the bundles find node_modules.
const bundle = (name) => fileURLToPath(new URL(`../.cache/test-worker/${name}`, import.meta.url));

export default async function setup() {
  if (!process.env.PIECRUST_SESSION_WORKER) {
    const file = bundle('session-worker.mjs');
    await buildSessionWorker(file);
    process.env.PIECRUST_SESSION_WORKER = file;
  }
  if (!process.env.PIECRUST_CRASH_WRITER) {
    const file = bundle('crash-writer.mjs');
    await buildTestScript('engine/testing/crash-writer.ts', file);
    process.env.PIECRUST_CRASH_WRITER = file;
  }
}
