/**
 * Synchronous requests from a worker thread to the thread that owns the store. Contract code
 * runs synchronously and may reach a contract that is not loaded yet in the middle of a call, so
 * reads cannot be async: the worker posts a request on a dedicated MessagePort and blocks in
 * `Atomics.wait` until the owner has posted the answer and flipped the shared flag; the answer
 * is then taken off the port with `receiveMessageOnPort`.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { PiecrustError, toErrorData, type ErrorData } from '../core/errors';

export interface SyncChannel {
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 when an answer is ready. */
  signal: Int32Array;
}

export type SyncAnswer = { ok: true; value: unknown } | { ok: false; error: ErrorData };

/** Worker side: send `request` and wait for the owner's answer. */
export function callSync(channel: SyncChannel, request: unknown): SyncAnswer {
  Atomics.store(channel.signal, 0, 0);
  channel.port.postMessage(request);
  for (;;) {
    Atomics.wait(channel.signal, 0, 0, 30_000);
    const received = receiveMessageOnPort(channel.port);
    if (received !== undefined) return received.message as SyncAnswer;
    if (Atomics.load(channel.signal, 0) === 1) {
      throw new Error('sync channel signalled without an answer');
    }
  }
}

/** Worker side: `callSync`'s answer, or its error thrown again. */
export function requestSync(channel: SyncChannel, request: unknown): unknown {
  const answer = callSync(channel, request);
  if (answer.ok) return answer.value;
  throw PiecrustError.fromData(answer.error);
}

/** Owner side: answer every request on `channel` with `handler` (exceptions become error answers). */
export function serveSync(channel: SyncChannel, handler: (request: unknown) => unknown): void {
  channel.port.on('message', (request: unknown) => {
    let answer: SyncAnswer;
    try {
      answer = { ok: true, value: handler(request) };
    } catch (e) {
      answer = { ok: false, error: toErrorData(e) };
    }
    channel.port.postMessage(answer);
    Atomics.store(channel.signal, 0, 1);
    Atomics.notify(channel.signal, 0);
  });
}
