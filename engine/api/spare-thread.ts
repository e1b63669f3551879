/**
 * The worker thread the service starts ahead for the next session (threads/started-worker.ts):
 * opening a session then costs no thread start. Started after each worker session opens, so a
 * service that never opens one never starts a thread.
 */
import { startWorker, usable, type StartedWorker } from '../threads/started-worker';
import type { Vm } from '../vm/vm';

export class SpareThread {
  private spare: StartedWorker | undefined;

  /** The spare when it can host a session of `vm` (one started for another store is let go). */
  take(vm: Vm, entry: URL | undefined): StartedWorker | undefined {
    const spare = usable(this.spare, vm, entry);
    if (spare === undefined) void this.drop();
    this.spare = undefined;
    return spare;
  }

  /** Start the next one (none when one is waiting already). */
  startFor(vm: Vm, entry: URL | undefined): void {
    if (this.spare === undefined) this.spare = startWorker(vm, entry);
  }

  async drop(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    if (spare !== undefined && !spare.exited) await spare.worker.terminate();
  }
}
