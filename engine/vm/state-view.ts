/**
 * One way to read a state, whatever holds it: a committed state (`vm.at(root)`, read from the
 * store; genesis included) or a live session (`sessionStateView`, asked through its
 * AsyncSession, which may answer from a worker thread). The API and the CLI read state only
 * through this interface, so they need not know the store's trees (merkle/, state/, diff/).
 *
 * Asynchronous because a session on a worker answers asynchronously; a committed state answers
 * at once (its methods only wrap synchronous store reads).
 */
import type { ContractId, Root } from '../core/ids';
import type { ContractDiff } from '../diff/state-diff';
import type { PageSource } from '../journal/page-spill';
import type { Journal } from '../journal/types';
import type { ContractModule } from './contract-module';

// What the layers above need of diff/, so they need not import it.
export type { ContractDiff, ContractSummary } from '../diff/state-diff';
export { changedRanges, type ByteRange } from '../diff/byte-ranges';
export { pageByteChanges, type PageByteChanges } from '../diff/page-byte-changes';

/** A contract as a state holds it. */
export interface ContractState {
  id: ContractId;
  owner: Uint8Array;
  codeHash: string;
  memoryLen: number;
  is64: boolean;
  /** Its slot in the contract index: committed states only (a session places contracts when it commits). */
  position?: number;
  /** Its prepared module (exports, argument buffer), in the VM's default gas table. */
  module(): ContractModule;
}

/** Where a state's history goes on in the store, and what of it is not committed yet. */
export interface StateLineage {
  /** A committed state is its own commit (null: genesis); a session goes on from its base. */
  commit: Root | null;
  /** A live session's own calls, with the session's API id and name. */
  uncommitted?: { session: string; name: string; journal: Journal };
}

export interface StateView {
  /** Every contract of the state, by id. */
  contracts(): Promise<ContractState[]>;
  /** One contract; `ContractDoesNotExist` when the state has none by that id. */
  contract(id: ContractId): Promise<ContractState>;
  /** Indices of the pages a contract ever wrote (its page tree's leaves). */
  writtenPages(id: ContractId): Promise<number[]>;
  /** One page of a contract's memory (zeros where never written). */
  pageBytes(id: ContractId, page: number): Promise<Uint8Array>;
  /**
   * The calls that made this state from its base: a commit's recorded journal (undefined when
   * it recorded none), a session's own (empty when it records none). With `from`, only the
   * calls from that index on (they keep their indexes): a client following a live session
   * fetches what is new, not the whole journal again; with `to`, only those before it (a piece).
   */
  journal(from?: number, to?: number): Promise<Journal | undefined>;
  /** The page versions of the journal that `hashes` name. */
  journalPages(hashes: readonly string[]): Promise<PageSource>;
  /**
   * Per contract, what changed from `from` to this state. Two committed states: any two (their
   * contract indexes are diffed); a session: only against its base, either way round.
   */
  changesSince(from: StateView): Promise<ContractDiff[]>;
  lineage(): Promise<StateLineage>;
}

/** The same changes seen the other way round (`to` → `from`). */
export function reversedChanges(changes: readonly ContractDiff[]): ContractDiff[] {
  return changes.map((d) => ({
    contract: d.contract,
    status: d.status === 'added' ? 'removed' : d.status === 'removed' ? 'added' : 'changed',
    before: d.after,
    after: d.before,
    pages: { added: d.pages.removed, removed: d.pages.added, changed: d.pages.changed },
  }));
}
