/**
 * Messages between the thread that owns the store (and the VM holding commits) and a session
 * worker. Commands name a Session method; everything else crossing the boundary is plain data
 * that structured clone carries (Uint8Array, bigint), errors as `ErrorData`.
 */
import type { ErrorData } from '../core/errors';
import type { ContractId } from '../core/ids';
import type { CommitBatch, CommitRecord } from '../store/commit-store';
import type { SessionOptions } from '../vm/types';

/** Session methods a worker runs on request. */
export const SESSION_METHODS = [
  'deploy',
  'callRaw',
  'root',
  'memoryLen',
  'memoryPages',
  'contractMetadata',
  'loadedContracts',
  'diffBase',
  'pageBytes',
  'journal',
  'journalPages',
  'debugLog',
  'setMeta',
  'removeMeta',
  'bytecodeOf',
  'contractIds',
  'writtenPages',
] as const;
export type SessionMethod = (typeof SESSION_METHODS)[number];

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
  | { id: number; op: 'invoke'; method: SessionMethod; args: unknown[] }
  | { id: number; op: 'feederCall'; args: [ContractId, string, Uint8Array, bigint] }
  | { id: number; op: 'commit'; label: string }
  | { id: number; op: 'close' }
  | { op: 'written'; id: number; error?: ErrorData };

export type FromWorker =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: ErrorData }
  | { op: 'write'; id: number; batch: CommitBatch }
  | { op: 'feed'; id: number; chunk: Uint8Array }
  | { op: 'debug'; message: string };

/** Synchronous requests a worker sends while a call runs (store reads, host queries). */
export type SyncRequest =
  | import('./remote-store').StoreRead
  | { op: 'hostQuery'; name: string; phase: 'price'; arg: Uint8Array }
  | { op: 'hostQuery'; name: string; phase: 'execute'; arg: Uint8Array; buffer: Uint8Array };
