/**
 * Entry point of a session worker thread: one session, run on a VM whose store is the owner's
 * (remote-store.ts). The owner holds the base commit and serialises the commit write; this
 * thread only executes. Terminating the thread discards the session and nothing else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PiecrustError, toErrorData } from '../core/errors';
import type { Session } from '../vm/session';
import { sessionOperations } from '../vm/session-operations';
import { runInvocation, type OperationRunner } from '../vm/session-protocol';
import { createVm } from '../vm/vm';
import type { HostQuery } from '../vm/types';
import type { FromWorker, SyncRequest, ToWorker, WorkerInit } from './protocol';
import { RemoteCommitStore } from './remote-store';
import { requestSync, type SyncChannel } from './sync-rpc';

if (parentPort === null) throw new Error('session-worker must run in a worker thread');
const port = parentPort;
const init = workerData as WorkerInit;
const channel: SyncChannel = { port: init.syncPort, signal: new Int32Array(init.signal) };
const send = (message: FromWorker): void => port.postMessage(message);

let nextWrite = 0;
const writes = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
const store = new RemoteCommitStore(channel, init.location, (batch) => {
  const id = nextWrite++;
  return new Promise<void>((resolve, reject) => {
    writes.set(id, { resolve, reject });
    send({ op: 'write', id, batch });
  });
});
const vm = await createVm({ store, externalHolds: true });
let session: { session: Session; operations: OperationRunner } | undefined;

function sync(request: SyncRequest): unknown {
  return requestSync(channel, request);
}

function remoteQuery(name: string): HostQuery {
  return {
    price: (arg) => sync({ op: 'hostQuery', name, phase: 'price', arg }) as bigint,
    execute: (arg, buffer) =>
      sync({ op: 'hostQuery', name, phase: 'execute', arg, buffer }) as Uint8Array,
  };
}

async function handle(message: Exclude<ToWorker, { op: 'written' }>): Promise<unknown> {
  if (message.op === 'open') {
    for (const name of message.hostQueries) vm.registerHostQuery(name, remoteQuery(name));
    const opened = vm.session({ ...message.options, base: message.base?.root ?? null });
    opened.onDebug = (text) => send({ op: 'debug', message: text });
    session = { session: opened, operations: sessionOperations(opened) };
    return undefined;
  }
  if (session === undefined)
    throw new PiecrustError('SessionClosed', 'no session is open in this worker', {});
  if (message.op === 'close') {
    session.session.close();
    return undefined;
  }
  return runInvocation(session.operations, message);
}

port.on('message', (message: ToWorker) => {
  if (message.op === 'written') {
    const pending = writes.get(message.id);
    writes.delete(message.id);
    if (message.error === undefined) pending?.resolve();
    else pending?.reject(PiecrustError.fromData(message.error));
    return;
  }
  handle(message).then(
    (value) => send({ op: 'reply', id: message.id, ok: true, value }),
    (error: unknown) => send({ op: 'reply', id: message.id, ok: false, error: toErrorData(error) }),
  );
});
