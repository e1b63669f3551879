/**
 * A committed state as a StateView (`vm.at(root)`): read from the store, synchronously
 * underneath. Genesis (ZERO_ROOT) is the empty state: no contracts, every page zeros. A root
 * the store lacks is reported when first read (`No such commit`), not when the view is made, so
 * a request naming one fails the way it did before views, at the read that needs it.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, ZERO_ROOT, type ContractId, type Root } from '../core/ids';
import { PAGE_SIZE } from '../core/abi';
import { diffIndexes, readPage, type ContractDiff } from '../diff/state-diff';
import type { PageSource } from '../journal/page-spill';
import type { Journal } from '../journal/types';
import { listLeaves, PAGE_TREE_32, PAGE_TREE_64 } from '../merkle/sparse-tree';
import { listRecords, recordAtPosition } from '../state/contract-index';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import type { CommitStore } from '../store/commit-store';
import type { ContractModule } from './contract-module';
import {
  reversedChanges,
  type ContractState,
  type StateLineage,
  type StateView,
} from './state-view';

/** What a committed state reads: the VM's store and its module cache. */
export interface CommittedStateHost {
  readonly store: CommitStore;
  moduleByHash(codeHash: string): ContractModule;
  journal(commit: Root): Journal | undefined;
}

const EMPTY_INDEX = new Uint8Array(32);

export class CommittedState implements StateView {
  constructor(
    private readonly host: CommittedStateHost,
    readonly root: Root,
    /** Its contract index root, when the caller has its commit record at hand. */
    private index?: Uint8Array,
  ) {}

  /** The state's contract index root; genesis is the empty index. */
  indexRoot(): Uint8Array {
    if (this.index !== undefined) return this.index;
    if (this.root === ZERO_ROOT) return (this.index = EMPTY_INDEX);
    const commit = this.host.store.getCommit(this.root);
    if (commit === undefined)
      throw new PiecrustError('PersistenceError', `No such commit: ${this.root}`, {
        root: this.root,
      });
    return (this.index = hexToBytes(commit.indexRoot));
  }

  private record(id: ContractId): ContractRecord {
    const record = recordAtPosition(this.host.store, this.indexRoot(), positionFromContract(id));
    if (record === undefined || record.id !== id) {
      throw new PiecrustError(
        'ContractDoesNotExist',
        `Contract does not exist: ${id} in commit ${this.root}`,
        { contract: id, commit: this.root },
      );
    }
    return record;
  }

  private contractState(r: ContractRecord): ContractState {
    return {
      id: r.id,
      owner: r.owner,
      codeHash: r.codeHash,
      memoryLen: r.memoryLen,
      is64: r.is64,
      position: r.position,
      module: () => this.host.moduleByHash(r.codeHash),
    };
  }

  async contracts(): Promise<ContractState[]> {
    return listRecords(this.host.store, this.indexRoot()).map((r) => this.contractState(r));
  }

  async contract(id: ContractId): Promise<ContractState> {
    return this.contractState(this.record(id));
  }

  async writtenPages(id: ContractId): Promise<number[]> {
    const record = this.record(id);
    const shape = record.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
    return listLeaves(shape, record.pageRoot, this.host.store).map((l) => l.position);
  }

  async pageBytes(id: ContractId, page: number): Promise<Uint8Array> {
    if (this.root === ZERO_ROOT) return new Uint8Array(PAGE_SIZE); // genesis: nothing written
    const store = this.host.store;
    return readPage(store, (k) => store.getPage(k), this.indexRoot(), id, page);
  }

  async journal(from = 0, to?: number): Promise<Journal | undefined> {
    const journal = this.host.journal(this.root);
    if (journal === undefined || (from <= 0 && to === undefined)) return journal;
    return { ...journal, calls: journal.calls.slice(Math.max(0, from), to) };
  }

  async journalPages(): Promise<PageSource> {
    return { page: (hash) => this.host.store.getPage(hash) };
  }

  /**
   * What changed from another committed state to this one, synchronously (the commit graph
   * summarises thousands of commits this way).
   */
  changesSinceCommit(from: CommittedState): ContractDiff[] {
    const left = from.indexRoot();
    return diffIndexes(this.host.store, left, this.indexRoot());
  }

  async changesSince(from: StateView): Promise<ContractDiff[]> {
    if (from instanceof CommittedState) return this.changesSinceCommit(from);
    // A session → its base: the session's own changes, seen the other way round.
    return reversedChanges(await from.changesSince(this));
  }

  async lineage(): Promise<StateLineage> {
    return { commit: this.root === ZERO_ROOT ? null : this.root };
  }
}
