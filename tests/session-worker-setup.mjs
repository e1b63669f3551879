/**
 * vitest global setup: bundle the session worker once, before any test file runs, and have every
 * session thread of the run start from that bundle (engine/threads/worker-entry.ts reads
 * PIECRUST_SESSION_WORKER when it runs from the TypeScript sources). A thread that loads the
 * sources through tsx took 1–3.7 s to start on this machine under load, so the tests that open
 * many sessions spent most of their time starting threads; the bundle, made from the same sources
 * at the start of each run, starts like the CLI's and the app's. The tsx bootstrap keeps its own
 * test (engine/threads/worker-entry.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { buildSessionWorker } from '../scripts/build-cli.mjs';

export default async function setup() {
  if (process.env.PIECRUST_SESSION_WORKER) return;
  // Two directories below the repository, like out/cli, so the bundle finds node_modules.
  const file = fileURLToPath(new URL('../.cache/test-worker/session-worker.mjs', import.meta.url));
  await buildSessionWorker(file);
  process.env.PIECRUST_SESSION_WORKER = file;
}
