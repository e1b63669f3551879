/**
 * Opening a worker session, with and without a spare thread (engine/threads/started-worker.ts),
 * both through the bundled session worker the app and `serve` run (out/cli/session-worker.mjs,
 * from `npm run build`; the group is skipped without it).
 *
 * - `session_open_cold_ms`: median of 7 `WorkerSession.open` on genesis that start their thread
 *   (what every open cost before the spare, and what the first open of a service still costs).
 * - `session_open_spare_ms`: median of 7 opens into a spare started 1 s before, the pause a user
 *   leaves between two opens (the service starts the next spare as soon as a session opens).
 * - `session_open_spare_ratio`: cold ÷ spare, in this run.
 * Each session is closed before the next open; opens and closes alternate cold and spare.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../engine/threads/started-worker';
import { WorkerSession } from '../engine/threads/worker-session';
import { createVm } from '../engine/vm/vm';
import { report } from './measure';

const BUILT = new URL('../out/cli/session-worker.mjs', import.meta.url);
const ROUNDS = 7;
const USER_PAUSE_MS = 1000;

export async function sessionOpenBench(): Promise<void> {
  if (!existsSync(fileURLToPath(BUILT))) {
    console.log(`# session_open_*: skipped, no ${fileURLToPath(BUILT)} (npm run build)`);
    return;
  }
  const vm = await createVm();
  const pause = () => new Promise((resolve) => setTimeout(resolve, USER_PAUSE_MS));
  const cold: number[] = [];
  const spare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    const a = await WorkerSession.open(vm, { entry: BUILT });
    cold.push(performance.now() - start);
    await a.close();

    const ready = startWorker(vm, BUILT);
    await pause();
    start = performance.now();
    const b = await WorkerSession.open(vm, { entry: BUILT }, ready);
    spare.push(performance.now() - start);
    await b.close();
  }
  await vm.close();
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  report('session_open_cold_ms', median(cold), 1);
  report('session_open_spare_ms', median(spare), 1);
  report('session_open_spare_ratio', median(cold) / median(spare), 1);
}
