/**
 * A CommitStore that lives in memory: the store of `createVm()` without a path, and the
 * reference the persistent store is tested against. Deleting a commit collects the blobs that
 * no remaining commit reaches (mark and sweep from every commit's trees).
 */
import { PiecrustError } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import { checkDriverBytes, type ContractMeta } from './contract-meta';
import { collectReachable, isModuleReachable } from './reachability';
import {
  addsLabel,
  unknownAfter,
  type CommitBatch,
  type CommitPage,
  type CommitRecord,
  type CommitStore,
} from './commit-store';

export class MemoryCommitStore implements CommitStore {
  readonly location = ':memory:';
  private readonly commits = new Map<Root, CommitRecord>();
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly pages = new Map<string, Uint8Array>();
  private readonly bytecodes = new Map<string, Uint8Array>();
  private readonly modules = new Map<string, Uint8Array>();
  private readonly journals = new Map<Root, Uint8Array>();
  private readonly contractMeta = new Map<ContractId, ContractMeta>();
  private readonly drivers = new Map<string, Uint8Array>();

  getCommit(root: Root): CommitRecord | undefined {
    const c = this.commits.get(root);
    return c === undefined ? undefined : { ...c };
  }

  listCommits(page: CommitPage = {}): CommitRecord[] {
    const all = [...this.commits.values()];
    let from = 0;
    if (page.after !== undefined) {
      from = all.findIndex((c) => c.root === page.after) + 1;
      if (from === 0) throw unknownAfter(this.location, page.after);
    }
    const to = page.limit === undefined ? all.length : from + page.limit;
    return all.slice(from, to).map((c) => ({ ...c }));
  }

  getNode(key: string): Uint8Array | undefined {
    return this.nodes.get(key);
  }

  getPage(key: string): Uint8Array | undefined {
    return this.pages.get(key);
  }

  getBytecode(key: string): Uint8Array | undefined {
    return this.bytecodes.get(key);
  }

  getModule(key: string): Uint8Array | undefined {
    return this.modules.get(key);
  }

  getJournal(root: Root): Uint8Array | undefined {
    return this.journals.get(root);
  }

  async writeCommit(batch: CommitBatch): Promise<void> {
    const existing = this.commits.get(batch.commit.root);
    if (existing !== undefined) {
      // The same state committed again: only its label is new.
      if (addsLabel(existing, batch.commit.label))
        existing.laterLabels = [...(existing.laterLabels ?? []), batch.commit.label];
      return;
    }
    for (const [k, v] of batch.nodes) this.nodes.set(k, v);
    for (const [k, v] of batch.pages) this.pages.set(k, v);
    for (const [k, v] of batch.bytecodes) this.bytecodes.set(k, v);
    for (const [k, v] of batch.modules) this.modules.set(k, v);
    if (batch.journal !== undefined) this.journals.set(batch.commit.root, batch.journal);
    this.commits.set(batch.commit.root, { ...batch.commit });
  }

  async deleteCommit(root: Root): Promise<void> {
    if (!this.commits.delete(root)) return;
    const live = collectReachable([...this.commits.values()], this, (root) =>
      this.getJournal(root),
    );
    for (const k of this.journals.keys()) if (!live.journals.has(k)) this.journals.delete(k);
    for (const k of this.nodes.keys()) if (!live.nodes.has(k)) this.nodes.delete(k);
    for (const k of this.pages.keys()) if (!live.pages.has(k)) this.pages.delete(k);
    for (const k of this.bytecodes.keys()) if (!live.bytecodes.has(k)) this.bytecodes.delete(k);
    for (const k of this.modules.keys()) if (!isModuleReachable(live, k)) this.modules.delete(k);
  }

  async finalizeCommit(root: Root): Promise<void> {
    const c = this.commits.get(root);
    if (c !== undefined) c.finalized = true;
  }

  getContractMeta(id: ContractId): ContractMeta | undefined {
    const meta = this.contractMeta.get(id);
    return meta === undefined ? undefined : { ...meta };
  }

  listContractMeta(): Map<ContractId, ContractMeta> {
    return new Map([...this.contractMeta].map(([id, meta]) => [id, { ...meta }]));
  }

  getDriver(hash: string): Uint8Array | undefined {
    return this.drivers.get(hash);
  }

  async writeContractMeta(
    id: ContractId,
    meta: ContractMeta,
    driverBytes?: Uint8Array,
  ): Promise<void> {
    checkDriverBytes(meta, driverBytes);
    if (driverBytes !== undefined && meta.driver !== undefined)
      this.drivers.set(meta.driver, driverBytes.slice());
    if (meta.driver !== undefined && !this.drivers.has(meta.driver))
      throw new PiecrustError(
        'PersistenceError',
        `contract ${id}: driver ${meta.driver} is not stored and no bytes were given`,
      );
    this.contractMeta.set(id, { ...meta });
    // A driver no contract uses any more is dropped, as the file store's collection does.
    const used = new Set([...this.contractMeta.values()].map((m) => m.driver));
    for (const hash of this.drivers.keys()) if (!used.has(hash)) this.drivers.delete(hash);
  }

  async close(): Promise<void> {}

  /** Blob counts, for tests of collection. */
  stats(): { commits: number; nodes: number; pages: number; bytecodes: number } {
    return {
      commits: this.commits.size,
      nodes: this.nodes.size,
      pages: this.pages.size,
      bytecodes: this.bytecodes.size,
    };
  }
}
