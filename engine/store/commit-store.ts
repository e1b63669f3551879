/**
 * The storage behind a VM. The engine computes everything content-addressed itself (pages by
 * the BLAKE3 of their bytes, Merkle and index nodes by their value, bytecode by its hash), so a
 * store only has to keep immutable blobs and a table of commits:
 *
 * - reads are synchronous (a call that reaches a contract not yet loaded in its session must
 *   load it in the middle of wasm execution);
 * - writes are batched per commit and asynchronous: `writeCommit` resolves once the commit is
 *   durable, and is all-or-nothing;
 * - a commit is self-contained through structural sharing: deleting one never breaks another.
 */
import type { GasTableName } from '../core/gas-tables';
import { PiecrustError } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import type { ContractMeta } from './contract-meta';

export interface CommitRecord {
  /** State root (root of the contracts Merkle tree); the commit's identity. */
  root: Root;
  /** The base commit the session started from; null for genesis. */
  parent: Root | null;
  /** Root of the contract index trie (hex of 32 bytes; zeros when empty). */
  indexRoot: string;
  /** Internal contracts-tree positions handed out so far (HEAD: next position = count + 1). */
  contractCount: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The label of the commit that first wrote this state. */
  label: string;
  /**
   * Labels of later commits of this same state (an identical state committed again under another
   * label), oldest first; absent when there are none. `commitLabels` lists every label.
   */
  laterLabels?: string[];
  /** Finalized commits are no longer listed nor usable as a base (spec §1.1). */
  finalized: boolean;
  /**
   * The gas table the session that made it metered its calls with (its journal's figures are
   * in that table). Absent for commits written before tables were recorded.
   */
  gasTable?: GasTableName;
  /**
   * What it changed against its parent (against genesis without one), recorded when it was
   * written, so that the commit graph need not diff it again. Absent for commits written
   * before it was recorded (index schema < 6, commit record version < 3); the graph then diffs.
   */
  changes?: CommitChanges;
}

/** A commit's change against its parent, as the commit graph shows it. */
export interface CommitChanges {
  /** The contracts whose records differ, ordered by id (as `diffIndexes` lists them). */
  contractsTouched: ContractId[];
  /** Pages added, changed or removed, summed over those contracts. */
  pagesChanged: number;
}

export interface CommitBatch {
  commit: CommitRecord;
  /** Merkle/index nodes and contract records, key = hex of their BLAKE3 value. */
  nodes: Map<string, Uint8Array>;
  /** Page bytes (64 KiB each), key = hex of their BLAKE3. */
  pages: Map<string, Uint8Array>;
  /** Contract bytecode, key = hex of its BLAKE3 (the code hash). */
  bytecodes: Map<string, Uint8Array>;
  /** Instrumented (metered) modules, key = `<code hash>:<instrumenter version>`. */
  modules: Map<string, Uint8Array>;
  /** The session's call journal (opaque bytes, engine/journal), kept with the commit. */
  journal: Uint8Array | undefined;
}

/**
 * A piece of the commit list, so that a reader (the graph of 100,000 commits) need not hold every
 * commit at once: the commits written after `after` (a root; from the first when absent), at
 * most `limit` of them (all when absent). Oldest first, as the whole list.
 */
export interface CommitPage {
  after?: Root;
  limit?: number;
}

export interface CommitStore {
  /** A short description for messages and the UI (`:memory:` or a file path). */
  readonly location: string;
  getCommit(root: Root): CommitRecord | undefined;
  /**
   * Every commit including finalized ones, oldest first; a piece of that list with `page`. An
   * `after` the store does not hold is a PersistenceError (the reader's place is lost).
   */
  listCommits(page?: CommitPage): CommitRecord[];
  getNode(key: string): Uint8Array | undefined;
  getPage(key: string): Uint8Array | undefined;
  getBytecode(key: string): Uint8Array | undefined;
  getModule(key: string): Uint8Array | undefined;
  /** The journal stored with a commit, if any. */
  getJournal(root: Root): Uint8Array | undefined;
  /**
   * Write a commit. A batch whose root is already stored is the same state committed again: only
   * its label is recorded (when `addsLabel`), nothing else is written.
   */
  writeCommit(batch: CommitBatch): Promise<void>;
  /** Remove a commit; data no other commit references may be collected. Unknown root: no-op. */
  deleteCommit(root: Root): Promise<void>;
  finalizeCommit(root: Root): Promise<void>;
  /** A contract's name and attached driver (contract-meta.ts); undefined when it has none. */
  getContractMeta(id: ContractId): ContractMeta | undefined;
  /** Every contract's metadata. */
  listContractMeta(): Map<ContractId, ContractMeta>;
  /** A driver module by the BLAKE3 (hex) of its bytes. */
  getDriver(hash: string): Uint8Array | undefined;
  /**
   * Replace a contract's metadata, durably, outside any commit (it never changes a state root).
   * `driverBytes` are the module `meta.driver` names, stored unless the store has it already.
   */
  writeContractMeta(id: ContractId, meta: ContractMeta, driverBytes?: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Every label a state was committed under, oldest first, each once; empty ones left out. */
export function commitLabels(c: CommitRecord): string[] {
  return [...new Set([c.label, ...(c.laterLabels ?? [])])].filter((l) => l !== '');
}

/** Whether committing `c`'s state again under `label` records a label it does not have yet. */
export function addsLabel(c: CommitRecord, label: string): boolean {
  return label !== '' && label !== c.label && !(c.laterLabels ?? []).includes(label);
}

/** `listCommits({ after })` with a root the store does not hold (deleted since, or a typo). */
export function unknownAfter(location: string, after: Root): PiecrustError {
  return new PiecrustError(
    'PersistenceError',
    `${location}: no commit ${after} to list the commits after (deleted since?)`,
    { path: location, root: after },
  );
}
