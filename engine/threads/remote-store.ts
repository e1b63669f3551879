/**
 * The CommitStore a worker's VM sees: reads go synchronously to the owner of the real store
 * (sync-rpc.ts) and are cached — every blob is immutable, named by its hash — and writes are
 * sent to the owner, which serialises them with everybody else's.
 */
import { PiecrustError } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import type { CommitBatch, CommitRecord, CommitStore } from '../store/commit-store';
import type { ContractMeta } from '../store/contract-meta';
import { requestSync, type SyncChannel } from './sync-rpc';

export type StoreRead =
  | { op: 'getCommit'; root: Root }
  | { op: 'listCommits' }
  | { op: 'getNode' | 'getPage' | 'getBytecode' | 'getModule'; key: string }
  | { op: 'getJournal'; root: Root }
  | { op: 'getContractMeta'; id: ContractId }
  | { op: 'listContractMeta' }
  | { op: 'getDriver'; hash: string };

const CACHE_LIMIT = 4096;

export class RemoteCommitStore implements CommitStore {
  readonly location: string;
  private readonly blobs = new Map<string, Uint8Array>();

  constructor(
    private readonly channel: SyncChannel,
    location: string,
    private readonly write: (batch: CommitBatch) => Promise<void>,
  ) {
    this.location = location;
  }

  private read(request: StoreRead): unknown {
    return requestSync(this.channel, request);
  }

  private blob(
    op: 'getNode' | 'getPage' | 'getBytecode' | 'getModule',
    key: string,
  ): Uint8Array | undefined {
    const cacheKey = `${op}:${key}`;
    const cached = this.blobs.get(cacheKey);
    if (cached !== undefined) return cached;
    const value = this.read({ op, key }) as Uint8Array | undefined;
    if (value !== undefined) {
      if (this.blobs.size >= CACHE_LIMIT)
        this.blobs.delete(this.blobs.keys().next().value as string);
      this.blobs.set(cacheKey, value);
    }
    return value;
  }

  getCommit(root: Root): CommitRecord | undefined {
    return this.read({ op: 'getCommit', root }) as CommitRecord | undefined;
  }

  listCommits(): CommitRecord[] {
    return this.read({ op: 'listCommits' }) as CommitRecord[];
  }

  getNode(key: string): Uint8Array | undefined {
    return this.blob('getNode', key);
  }

  getPage(key: string): Uint8Array | undefined {
    return this.blob('getPage', key);
  }

  getBytecode(key: string): Uint8Array | undefined {
    return this.blob('getBytecode', key);
  }

  getModule(key: string): Uint8Array | undefined {
    return this.blob('getModule', key);
  }

  getJournal(root: Root): Uint8Array | undefined {
    return this.read({ op: 'getJournal', root }) as Uint8Array | undefined;
  }

  writeCommit(batch: CommitBatch): Promise<void> {
    return this.write(batch);
  }

  async deleteCommit(): Promise<void> {
    throw new PiecrustError(
      'InvalidInput',
      'commits are deleted by the thread that owns the store',
      {},
    );
  }

  async finalizeCommit(): Promise<void> {
    throw new PiecrustError(
      'InvalidInput',
      'commits are finalized by the thread that owns the store',
      {},
    );
  }

  getContractMeta(id: ContractId): ContractMeta | undefined {
    return this.read({ op: 'getContractMeta', id }) as ContractMeta | undefined;
  }

  listContractMeta(): Map<ContractId, ContractMeta> {
    return this.read({ op: 'listContractMeta' }) as Map<ContractId, ContractMeta>;
  }

  getDriver(hash: string): Uint8Array | undefined {
    return this.read({ op: 'getDriver', hash }) as Uint8Array | undefined;
  }

  async writeContractMeta(): Promise<void> {
    throw new PiecrustError(
      'InvalidInput',
      'contract names and drivers are written by the thread that owns the store',
      {},
    );
  }

  async close(): Promise<void> {}
}

/** Owner side: answer a worker's read from the real store. */
export function answerStoreRead(store: CommitStore, request: StoreRead): unknown {
  switch (request.op) {
    case 'getCommit':
      return store.getCommit(request.root);
    case 'listCommits':
      return store.listCommits();
    case 'getJournal':
      return store.getJournal(request.root);
    case 'getContractMeta':
      return store.getContractMeta(request.id);
    case 'listContractMeta':
      return store.listContractMeta();
    case 'getDriver':
      return store.getDriver(request.hash);
    default:
      return store[request.op](request.key);
  }
}
