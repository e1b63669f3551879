/**
 * A session worker thread, started and wired to the VM whose store it reads, before (or without)
 * a session in it. Starting a thread costs far more than a call (Node's worker bootstrap, the
 * engine bundle compiled, the hashing addon and sql.js loaded: 100–300 ms here, more on a busy
 * machine), so the service keeps one started ahead and a session opens in it at once
 * (`WorkerSession.open(vm, options, spare)`).
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Vm } from '../vm/vm';
import type { SyncRequest, WorkerInit } from './protocol';
import { answerStoreRead } from './remote-store';
import { serveSync } from './sync-rpc';
import { sessionWorkerEntry } from './worker-entry';
import { PiecrustError } from '../core/errors';

export interface StartedWorker {
  readonly worker: Worker;
  /** The VM whose store and host queries the thread's synchronous requests read. */
  readonly vm: Vm;
  /** The entry script's URL, so a spare started for one entry is not used for another. */
  readonly entry: string;
  /** The thread ended (or failed to start) before a session used it. */
  readonly exited: boolean;
}

/** Start a worker thread for `vm`, unref'd (an idle thread never keeps the process alive). */
export function startWorker(vm: Vm, entry: URL = sessionWorkerEntry()): StartedWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const init: WorkerInit = { syncPort: port2, signal, location: vm.store.location };
  serveSync({ port: port1, signal: new Int32Array(signal) }, (request) =>
    answer(vm, request as SyncRequest),
  );
  const worker = new Worker(entry, { workerData: init, transferList: [port2] });
  worker.unref();
  port1.unref();
  const started = { worker, vm, entry: entry.href, exited: false };
  // A thread that fails while it waits for a session must not take the process down (an
  // 'error' without a listener would); the session that takes it listens from then on.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    started.exited = true;
  });
  return started;
}

/** The spare when it can host a session of `vm` from `entry`, otherwise undefined. */
export function usable(
  spare: StartedWorker | undefined,
  vm: Vm,
  entry: URL = sessionWorkerEntry(),
): StartedWorker | undefined {
  return spare !== undefined && !spare.exited && spare.vm === vm && spare.entry === entry.href
    ? spare
    : undefined;
}

function answer(vm: Vm, request: SyncRequest): unknown {
  if (request.op !== 'hostQuery') return answerStoreRead(vm.store, request);
  const query = vm.hostQuery(request.name);
  if (query === undefined)
    throw new PiecrustError('MissingHostQuery', `Missing host query: ${request.name}`, {
      name: request.name,
    });
  if (request.phase === 'price') return query.price === undefined ? 0n : query.price(request.arg);
  const result = query.execute(request.arg, request.buffer);
  return typeof result === 'number' ? request.buffer.slice(0, result) : result;
}
