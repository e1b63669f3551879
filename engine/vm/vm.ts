/**
 * The VM: a commit store, the registered host queries, the cache of prepared contract modules,
 * and the bookkeeping that lets sessions hold commits (spec §1.1, §6.6).
 *
 * Ownership and lifetime: created by `createVm`, owns its store (closed by `close`). Sessions
 * are created by `session()` and must be committed or closed; while a session holds a commit,
 * `deleteCommit`/`finalizeCommit` of that commit wait for it, then run in request order.
 * Commit writes are serialised, like piecrust's sync loop.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes, toRoot, type ContractId, type Root } from '../core/ids';
import { diffIndexes, readPage, type ContractDiff } from '../diff/state-diff';
import { decodeJournal } from '../journal/codec';
import type { Journal } from '../journal/types';
import { blake3, initHashing } from '../hash/blake3';
import type { CommitBatch, CommitPage, CommitRecord, CommitStore } from '../store/commit-store';
import { openFileStore } from '../store/file-store';
import { MemoryCommitStore } from '../store/memory-store';
import type { DataDriver } from '../driver/data-driver';
import { ContractNames, type AttachedDriver } from './contract-names';
import { DEFAULT_GAS_TABLE, type GasTableName } from '../core/gas-tables';
import { loadContractModule, moduleKey, type ContractModule } from './contract-module';
import { Session, type SessionHost } from './session';
import type { HostQuery, SessionOptions } from './types';
import { enableWasmFeatures } from './wasm-features';
import { checkNameLength } from './host-memory';
import { rootCollision } from './root-collision';
import { batchOverlay } from './commit-batch';
import { CommittedState } from './committed-state';

export interface VmOptions {
  /**
   * Where commits live: a store, a file path (opened, or created, with `openFileStore`; the VM
   * then owns it), or `':memory:'`. An in-memory store when absent. A path is opened with its
   * writer's admission at the open, so a damaged store is refused there: the app must not let
   * someone work on a store whose commits it will refuse. (FileStoreOptions `admission:
   * 'first-write'` makes the commits readable before that verdict, for a caller that shows it
   * when it comes.)
   */
  store?: CommitStore | string;
  /**
   * Bases are held by another VM (the one owning the store, when this one runs sessions in a
   * worker thread): `session()` then only checks that the base exists.
   */
  externalHolds?: boolean;
  /** The gas table of sessions that do not pick one (default `head`). */
  gasTable?: GasTableName;
}

export async function createVm(options: VmOptions = {}): Promise<Vm> {
  enableWasmFeatures();
  await initHashing();
  const { store } = options;
  const external = options.externalHolds ?? false;
  const table = options.gasTable ?? DEFAULT_GAS_TABLE;
  if (store === undefined || store === ':memory:')
    return new Vm(new MemoryCommitStore(), external, table);
  return new Vm(typeof store === 'string' ? await openFileStore(store) : store, external, table);
}

export class Vm {
  private readonly modules = new Map<string, ContractModule>();
  private readonly queries = new Map<string, HostQuery>();
  private readonly holds = new Map<Root, number>();
  private readonly waiting = new Map<Root, Array<() => void>>();
  private writes: Promise<void> = Promise.resolve();
  private readonly sessionHost: SessionHost;
  private closed = false;
  /** Contracts' names and attached drivers (beside the state, in the store). */
  private readonly names: ContractNames;

  constructor(
    readonly store: CommitStore,
    private readonly externalHolds = false,
    /** The gas table of sessions that do not pick one. */
    readonly gasTable: GasTableName = DEFAULT_GAS_TABLE,
  ) {
    this.sessionHost = {
      store,
      loadModule: (bytecode, table) => this.loadModule(bytecode, table),
      moduleByHash: (codeHash, table) => this.moduleByHash(codeHash, table),
      releaseBase: (root) => this.release(root),
      writeCommit: (batch) => this.writeCommit(batch),
    };
    this.names = new ContractNames(store);
  }

  /** Register (or replace) a host query; sessions created afterwards see it. */
  registerHostQuery(name: string, query: HostQuery): void {
    checkNameLength('host query', name);
    this.queries.set(name, query);
  }

  hostQueryNames(): string[] {
    return [...this.queries.keys()];
  }

  hostQuery(name: string): HostQuery | undefined {
    return this.queries.get(name);
  }

  /**
   * Start a session on `options.base` (a listed commit) or on genesis. Its gas table: the one
   * asked for, else the base commit's (`gasTableFor`).
   */
  session(options: SessionOptions = {}): Session {
    this.assertOpen();
    const base =
      options.base === undefined || options.base === null
        ? undefined
        : this.acquireBase(options.base);
    return new Session(this.sessionHost, base, this.queries, {
      ...options,
      gasTable: this.gasTableFor(base, options.gasTable),
    });
  }

  /**
   * The gas table of a new session: the one asked for; else its base commit's recorded one, so
   * a history goes on in the table it was made with; else the VM's default.
   */
  gasTableFor(base: CommitRecord | undefined, asked?: GasTableName): GasTableName {
    return asked ?? base?.gasTable ?? this.gasTable;
  }

  /**
   * Hold a listed commit as a session base (deletes and finalizes of it wait until released).
   * Sessions call this themselves; sessions running elsewhere (worker threads) are held here.
   */
  acquireBase(base: Root): CommitRecord {
    const root = toRoot(base);
    const commit = this.store.getCommit(root);
    if (commit === undefined || commit.finalized) {
      throw new PiecrustError('PersistenceError', `No such base commit: ${root}`, { root });
    }
    if (!this.externalHolds) this.holds.set(root, (this.holds.get(root) ?? 0) + 1);
    return commit;
  }

  releaseBase(root: Root): void {
    this.release(root);
  }

  /**
   * Write a commit batch (a session's, here or on a worker), serialised with other writes. A
   * commit of the same root already there is the same state (the store records only its label)
   * unless its contract index differs: then it is refused (two sessions reaching one root
   * concurrently).
   */
  writeCommit(batch: CommitBatch): Promise<void> {
    return this.serialize(async () => {
      const existing = this.store.getCommit(batch.commit.root);
      if (existing === undefined) return this.store.writeCommit(batch);
      if (existing.indexRoot === batch.commit.indexRoot) return this.store.writeCommit(batch);
      throw rootCollision(
        batch.commit.root,
        existing,
        batch.commit.indexRoot,
        batchOverlay(batch, this.store),
      );
    });
  }

  /** Roots of every unfinalized commit, ascending by bytes (piecrust's order). */
  commits(): Root[] {
    return this.store
      .listCommits()
      .filter((c) => !c.finalized)
      .map((c) => c.root)
      .sort();
  }

  /** Every commit with its metadata, including finalized ones, oldest first (or a piece of it). */
  commitRecords(page?: CommitPage): CommitRecord[] {
    return this.store.listCommits(page);
  }

  /** Number of sessions currently holding `root`. */
  holders(root: Root): number {
    return this.holds.get(toRoot(root)) ?? 0;
  }

  /** Delete a commit; waits while a session holds it. Unknown roots are a no-op. */
  deleteCommit(root: Root): Promise<void> {
    const r = toRoot(root);
    return this.whenReleased(r, () => this.serialize(() => this.store.deleteCommit(r)));
  }

  /** Finalize a commit: it leaves `commits()` and cannot be a base any more; descendants keep working. */
  finalizeCommit(root: Root): Promise<void> {
    const r = toRoot(root);
    return this.whenReleased(r, () => this.serialize(() => this.store.finalizeCommit(r)));
  }

  /** A contract's name (contract-names.ts), undefined when it has none. */
  contractName(id: ContractId): string | undefined {
    return this.names.name(id);
  }

  /** Every named contract's name, by id. */
  contractNames(): Map<ContractId, string> {
    return this.names.names();
  }

  /** Name a contract, durably and outside any commit (no state root changes); '' removes it. */
  setContractName(id: ContractId, name: string | undefined): Promise<void> {
    return this.serialize(() => this.names.setName(id, name));
  }

  /** The attached data-driver module's bytes, undefined when none is attached. */
  contractDriver(id: ContractId): Uint8Array | undefined {
    return this.names.driverBytes(id);
  }

  /** The attached data-driver, loaded (once per module), undefined when none is attached. */
  loadedDriver(id: ContractId): DataDriver | undefined {
    return this.names.driver(id);
  }

  /** The attached driver's hash, version and size, undefined when none is attached. */
  attachedDriver(id: ContractId): AttachedDriver | undefined {
    return this.names.attached(id);
  }

  /**
   * Attach a data-driver to a contract (undefined detaches), durably and outside any commit.
   * The module is validated first: a driver the runtime refuses throws its error, nothing stored.
   */
  attachDriver(id: ContractId, bytes: Uint8Array | undefined): Promise<void> {
    return this.serialize(() => this.names.attach(id, bytes));
  }

  /** Per contract, the pages that differ between two commits (any two, also across branches). */
  diffCommits(a: Root, b: Root): ContractDiff[] {
    return diffIndexes(this.store, this.commitRecord(a).indexRoot, this.commitRecord(b).indexRoot);
  }

  /**
   * A committed state to read through the StateView interface (ZERO_ROOT: genesis, the empty
   * state). A root the store lacks fails at the first read that needs it; a commit record
   * already at hand spares looking it up again.
   */
  at(commit: Root | CommitRecord): CommittedState {
    if (typeof commit !== 'string')
      return new CommittedState(this, commit.root, hexToBytes(commit.indexRoot));
    return new CommittedState(this, toRoot(commit));
  }

  /** The journal of the session that produced `commit`, if it recorded one. */
  journal(commit: Root): Journal | undefined {
    const bytes = this.store.getJournal(toRoot(commit));
    return bytes === undefined ? undefined : decodeJournal(bytes);
  }

  /** One page of a contract as of a commit (zeros if never written). */
  pageBytes(commit: Root, contract: ContractId, page: number): Uint8Array {
    return readPage(
      this.store,
      (k) => this.store.getPage(k),
      this.commitRecord(commit).indexRoot,
      contract,
      page,
    );
  }

  private commitRecord(root: Root): { indexRoot: Uint8Array } {
    const r = toRoot(root);
    const commit = this.store.getCommit(r);
    if (commit === undefined)
      throw new PiecrustError('PersistenceError', `No such commit: ${r}`, { root: r });
    return { indexRoot: hexToBytes(commit.indexRoot) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes;
    await this.store.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new PiecrustError('SessionClosed', 'the VM is closed', {});
  }

  private whenReleased(root: Root, op: () => Promise<void>): Promise<void> {
    if ((this.holds.get(root) ?? 0) === 0) return op();
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(root) ?? [];
      queue.push(() => {
        op().then(resolve, reject);
      });
      this.waiting.set(root, queue);
    });
  }

  private release(root: Root): void {
    if (this.externalHolds) return;
    const count = (this.holds.get(root) ?? 0) - 1;
    if (count > 0) {
      this.holds.set(root, count);
      return;
    }
    this.holds.delete(root);
    const queue = this.waiting.get(root);
    this.waiting.delete(root);
    for (const run of queue ?? []) run();
  }

  private serialize(op: () => Promise<void>): Promise<void> {
    const next = this.writes.then(op);
    this.writes = next.catch(() => {});
    return next;
  }

  /**
   * Prepare (validate + instrument for `table` + compile) bytecode, cached by its hash and table
   * in memory and in the store.
   */
  loadModule(bytecode: Uint8Array, table: GasTableName = this.gasTable): ContractModule {
    const codeHash = bytesToHex(blake3(bytecode));
    const key = moduleKey(codeHash, table);
    let module = this.modules.get(key);
    if (module === undefined) {
      module = loadContractModule(bytecode, table, this.store.getModule(key));
      this.modules.set(key, module);
    }
    return module;
  }

  moduleByHash(codeHash: string, table: GasTableName = this.gasTable): ContractModule {
    const cached = this.modules.get(moduleKey(codeHash, table));
    if (cached !== undefined) return cached;
    const bytecode = this.store.getBytecode(codeHash);
    if (bytecode === undefined) {
      throw new PiecrustError(
        'PersistenceError',
        `bytecode ${codeHash} is missing from the store`,
        { codeHash },
      );
    }
    return this.loadModule(bytecode, table);
  }

  /** For tests and diagnostics. */
  writeQueue(): Promise<void> {
    return this.writes;
  }
}

export type { CommitBatch };
