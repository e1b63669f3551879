/**
 * Messages between the thread that owns the store (and the VM holding commits) and a session
 * worker. Besides opening and closing the session, a command is an invocation of one session
 * operation (vm/session-protocol.ts), its arguments typed per operation; everything crossing the
 * boundary is plain data that structured clone carries (Uint8Array, bigint), errors as
 * `ErrorData`.
 */
import type { ErrorData } from '../core/errors';
import type { CommitBatch, CommitRecord } from '../store/commit-store';
import type { Invocation } from '../vm/session-protocol';
import type { SessionOptions } from '../vm/types';

export interface WorkerInit {
  syncPort: import('node:worker_threads').MessagePort;
  signal: SharedArrayBuffer;
  location: string;
}

export type ToWorker =
  | {
      id: number;
      op: 'open';
      base: CommitRecord | null;
      options: Omit<SessionOptions, 'base'>;
      hostQueries: string[];
    }
  | ({ id: number; op: 'invoke' } & Invocation)
  | { id: number; op: 'close' }
  | { op: 'written'; id: number; error?: ErrorData };

export type FromWorker =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: ErrorData }
  | { op: 'write'; id: number; batch: CommitBatch }
  | { op: 'debug'; message: string };

/** Synchronous requests a worker sends while a call runs (store reads, host queries). */
export type SyncRequest =
  | import('./remote-store').StoreRead
  | { op: 'hostQuery'; name: string; phase: 'price'; arg: Uint8Array }
  | { op: 'hostQuery'; name: string; phase: 'execute'; arg: Uint8Array; buffer: Uint8Array };
