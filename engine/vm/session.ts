/**
 * A session: a copy-on-write view of one commit (or of the empty genesis state) in which
 * contracts are deployed and called (spec §1.4). Changes stay in the session until `commit`
 * writes them as a new commit; `close` discards them.
 *
 * Ownership and lifetime: a session is created by `Vm.session`, holds its base commit (delete
 * and finalize of that commit wait) until it is committed or closed, and owns the
 * `LoadedContract`s (memories) of every contract it touches. It is single-threaded: one call
 * at a time. Calls are synchronous; `commit` is asynchronous (it waits for durable storage).
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes, toContractId, type ContractId, type Root } from '../core/ids';
import { diffIndexes, type ContractDiff } from '../diff/state-diff';
import { blake3 } from '../hash/blake3';
import type { NodeStore } from '../merkle/sparse-tree';
import { listRecords, recordAtPosition } from '../state/contract-index';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import { addsLabel, type CommitRecord, type CommitStore } from '../store/commit-store';
import { decode, encode, type RkyvType, type ValueOf } from '../rkyv';
import type { CallContext, CallLimits } from './call-context';
import { JournalRecorder } from '../journal/recorder';
import { PageSpill } from '../journal/page-spill';
import type { Journal } from '../journal/types';
import { addJournal, batchOverlay, buildCommitBatch } from './commit-batch';
import { rootCollision } from './root-collision';
import type { ContractModule } from './contract-module';
import { ARGBUF_LEN, PAGE_SIZE } from './host-abi';
import type { HostEnvironment } from './host-environment';
import { checkNameLength } from './host-memory';
import type { CallTracer } from './call-tracer';
import { createHostImports } from './host-functions';
import type { LoadedContract } from './loaded-contract';
import { createDeployedContract, loadStoredContract } from './contract-loading';
import { checkGas, runTopLevelCall, type CallSite } from './top-level-call';
import { failedCallGasSpent } from './failed-call-gas';
import { DEFAULT_GAS_TABLE, type GasTableName } from '../core/gas-tables';
import { GAS_TABLES, type GasTable } from '../wasm/gas-schedule';
import { baseStateOf, computeState, type BaseState, type ComputedState } from './state-computation';
import type {
  CallHook,
  CallReceipt,
  ContractMetadata,
  DeployOptions,
  DeployResult,
  Event,
  HostQuery,
  SessionOptions,
} from './types';

/** What a session needs from its VM. */
export interface SessionHost {
  readonly store: CommitStore;
  loadModule(bytecode: Uint8Array, table: GasTableName): ContractModule;
  moduleByHash(codeHash: string, table: GasTableName): ContractModule;
  releaseBase(root: Root): void;
  writeCommit(batch: ReturnType<typeof buildCommitBatch>): Promise<void>;
}

import type { MemoryPage } from './page-opening';

export { verifyPageOpening, type MemoryPage, type PageOpening } from './page-opening';

export class Session implements HostEnvironment {
  readonly name: string;
  readonly base: Root | null;
  readonly events: Event[] = [];
  readonly containHostQueryPanics: boolean;
  /** The gas table every call of this session is metered with (fixed for its lifetime). */
  readonly gasTable: GasTable;
  callHook: CallHook | undefined;
  private readonly baseState: BaseState;
  private readonly contracts = new Map<ContractId, LoadedContract>();
  private readonly nodes: NodeStore;
  private readonly debugMessages: string[] = [];
  private readonly metaItems = new Map<string, Uint8Array>();
  private readonly queries: Map<string, HostQuery>;
  private activeCall: CallContext | undefined;
  private feeder: ((chunk: Uint8Array) => void) | undefined;
  private version = 0;
  private cachedState: { version: number; state: ComputedState } | undefined;
  private closed = false;
  /** Records the call journal when the session was opened with `journal: true`. */
  private readonly recorder: JournalRecorder | undefined;
  private readonly callSite: CallSite;
  /** Observers of debug output (the CLI prints it, the UI shows it live). */
  onDebug: ((message: string) => void) | undefined;
  /** Observes every top-level call while set (gascheck/ re-runs them in wasmtime). */
  private tracer: CallTracer | undefined;
  /** What may stop a call before its gas does. */
  private readonly limits: CallLimits;

  constructor(
    private readonly host: SessionHost,
    baseCommit: CommitRecord | undefined,
    queries: Map<string, HostQuery>,
    options: SessionOptions,
  ) {
    this.name = options.name ?? '';
    this.base = baseCommit?.root ?? null;
    this.baseState = baseStateOf(baseCommit);
    this.nodes = host.store;
    this.queries = new Map(queries);
    for (const name of options.excludeHostQueries ?? []) this.queries.delete(name);
    this.containHostQueryPanics = options.containHostQueryPanics ?? true;
    this.gasTable = GAS_TABLES[options.gasTable ?? DEFAULT_GAS_TABLE];
    this.limits = { timeoutMs: options.timeoutMs, interrupt: options.interrupt };
    for (const [k, v] of Object.entries(options.meta ?? {})) this.setMeta(k, v);
    this.recorder = options.journal
      ? new JournalRecorder(
          this.base,
          this.gasTable.name,
          () => this.events,
          () => this.debugMessages,
          new PageSpill(),
        )
      : undefined;
    this.callSite = {
      events: this.events,
      recorder: this.recorder,
      tracer: () => this.tracer,
      limits: () => this.limits,
      setActiveCall: (ctx) => {
        this.activeCall = ctx;
      },
      changed: () => {
        this.version++;
      },
    };
  }

  /** The calls recorded so far (sessions opened with `journal: true`). */
  journal(): Journal | undefined {
    return this.recorder?.journal;
  }

  /** The page versions the journal refers to, by hash (undefined for a hash it has not kept). */
  journalPages(hashes: readonly string[]): Array<Uint8Array | undefined> {
    return hashes.map((h) => this.recorder?.pages.page(h));
  }

  // ---------------------------------------------------------------- HostEnvironment

  callContext(): CallContext {
    if (this.activeCall === undefined) throw new Error('host function called outside of a call');
    return this.activeCall;
  }

  contract(id: ContractId): LoadedContract | undefined {
    return this.contracts.get(id) ?? this.loadFromBase(id);
  }

  ownerOf(id: ContractId): Uint8Array | undefined {
    return this.contracts.get(id)?.owner ?? this.baseRecord(id)?.owner;
  }

  meta(name: string): Uint8Array | undefined {
    return this.metaItems.get(name);
  }

  hostQuery(name: string): HostQuery | undefined {
    return this.queries.get(name);
  }

  feed(chunk: Uint8Array): void {
    if (this.feeder === undefined) throw new PiecrustError('MissingFeed', 'Missing feed', {});
    try {
      this.feeder(chunk);
    } catch (e) {
      throw new PiecrustError('FeedPulled', `FeedPulled: ${(e as Error).message ?? String(e)}`, {});
    }
  }

  debug(message: string): void {
    this.debugMessages.push(message);
    this.onDebug?.(message);
  }

  // ---------------------------------------------------------------- contracts

  private assertOpen(): void {
    if (this.closed)
      throw new PiecrustError(
        'SessionClosed',
        `session ${this.name || ''} is closed`.replace('  ', ' '),
        {},
      );
  }

  private baseRecord(id: ContractId): ContractRecord | undefined {
    if (this.base === null) return undefined;
    const record = recordAtPosition(this.nodes, this.baseState.indexRoot, positionFromContract(id));
    return record?.id === id ? record : undefined;
  }

  private adopt(contract: LoadedContract): LoadedContract {
    contract.imports = createHostImports(this, contract);
    this.contracts.set(contract.id, contract);
    return contract;
  }

  private loadFromBase(id: ContractId): LoadedContract | undefined {
    const record = this.baseRecord(id);
    if (record === undefined) return undefined;
    return this.adopt(
      loadStoredContract(
        record,
        this.host.moduleByHash(record.codeHash, this.gasTable.name),
        this.host.store,
        this.nodes,
      ),
    );
  }

  /** Deploy a contract (spec §2.2). The session stays usable when deploy fails. */
  deploy(bytecode: Uint8Array, options: DeployOptions, gasLimit: bigint): DeployResult {
    this.assertOpen();
    checkGas(gasLimit);
    if (!(options.owner instanceof Uint8Array)) {
      throw new PiecrustError(
        'InvalidInput',
        'Owner must be specified when deploying a contract',
        {},
      );
    }
    if (options.initArg !== undefined && options.initArg.length > ARGBUF_LEN) {
      throw new PiecrustError(
        'CompositeSerializerError',
        `init argument of ${options.initArg.length} bytes does not fit the ${ARGBUF_LEN}-byte argument buffer`,
        { len: options.initArg.length, max: ARGBUF_LEN },
      );
    }
    const id = options.contractId ?? toContractId(blake3(bytecode));
    if (this.contracts.has(id) || this.baseRecord(id) !== undefined) {
      // piecrust's text hides the cause: a duplicate id. The details name it and where it is.
      throw new PiecrustError(
        'InitalizationError',
        'InitalizationError: Deployed error already exists',
        {
          contract: id,
          reason: 'duplicate-id',
          deployedIn: this.contracts.has(id) ? 'session' : 'base',
          explicitId: options.contractId !== undefined,
        },
      );
    }
    const module = this.host.loadModule(bytecode, this.gasTable.name);
    this.checkPositionFree(id, [id]);
    if (module.abiError !== undefined) throw module.abiError;
    const recorder = this.recorder;
    const initArg = options.initArg ?? new Uint8Array(0);
    recorder?.begin('deploy', id, module.functions.has('init') ? 'init' : '', initArg, gasLimit);
    recorder?.annotateDeploy({
      codeHash: module.codeHash,
      owner: options.owner,
      explicitId: options.contractId !== undefined,
    });
    const contract = this.adopt(
      createDeployedContract(id, module, options.owner, this.nodes, recorder),
    );
    this.version++;
    if (!module.functions.has('init')) {
      // The data segments are the deploy's only memory change: one step shows them.
      recorder?.boundary({ kind: 'exit', depth: 0, contract: id, fn: '', gas: 0n }, undefined);
      recorder?.end({ gasSpent: 0n });
      return { contractId: id, receipt: undefined };
    }
    try {
      const receipt = this.runTopLevel(contract, 'init', initArg, gasLimit);
      recorder?.end({ gasSpent: receipt.gasSpent, result: receipt.data });
      return { contractId: id, receipt };
    } catch (e) {
      recorder?.end({ error: e, gasSpent: failedCallGasSpent(e) });
      this.contracts.delete(id);
      throw e;
    }
  }

  /** HEAD's collision rule: no other contract of the session or base may share the position. */
  private checkPositionFree(id: ContractId, ignore: ContractId[]): void {
    const pos = positionFromContract(id);
    for (const other of this.contracts.values()) {
      if (other.position === pos && !ignore.includes(other.id)) throw collision(id, pos);
    }
    const record = recordAtPosition(this.nodes, this.baseState.indexRoot, pos);
    if (record !== undefined && !ignore.includes(record.id)) throw collision(id, pos);
  }

  /** Call `fn` of `contract` with raw argument bytes; the receipt's data is raw bytes. */
  callRaw(contract: ContractId, fn: string, arg: Uint8Array, gasLimit: bigint): CallReceipt {
    this.assertOpen();
    checkGas(gasLimit);
    if (fn === 'init') {
      throw new PiecrustError('InitalizationError', 'InitalizationError: init call not allowed', {
        contract,
        reason: 'init-call',
      });
    }
    if (arg.length > ARGBUF_LEN) {
      throw new PiecrustError(
        'MemoryAccessOutOfBounds',
        `MemoryAccessOutOfBounds: argument of ${arg.length} bytes exceeds the ${ARGBUF_LEN}-byte argument buffer`,
        { len: arg.length, max: ARGBUF_LEN },
      );
    }
    const target = this.contract(contract);
    if (target === undefined) {
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${contract}`, {
        contract,
      });
    }
    return this.runTopLevel(target, fn, arg, gasLimit);
  }

  /**
   * Typed call (piecrust's `call::<A, R>`): the argument is rkyv-encoded, the returned bytes are
   * validated and decoded as `ret`. A `ValidationError` comes after the call's changes were
   * applied, as in piecrust.
   */
  call<A extends RkyvType, R extends RkyvType>(
    contract: ContractId,
    fn: string,
    argType: A,
    arg: ValueOf<A>,
    ret: R,
    gasLimit: bigint,
  ): CallReceipt & { value: ValueOf<R> } {
    const receipt = this.callRaw(contract, fn, encode(argType, arg), gasLimit);
    return { ...receipt, value: decode(ret, receipt.data) };
  }

  /** Like `callRaw`; chunks the contract feeds (`feed` import) go to `onFeed` during the call. */
  feederCallRaw(
    contract: ContractId,
    fn: string,
    arg: Uint8Array,
    gasLimit: bigint,
    onFeed: (chunk: Uint8Array) => void,
  ): CallReceipt {
    this.feeder = onFeed;
    try {
      return this.callRaw(contract, fn, arg, gasLimit);
    } finally {
      this.feeder = undefined;
    }
  }

  /**
   * Typed `feederCallRaw` (piecrust's `feeder_call::<A, R>`): encoded and decoded like `call`.
   * Fed chunks stay raw bytes, as piecrust's channel carries them: the contract chooses their
   * encoding (rkyv through `feed`, anything through `feed_raw`).
   */
  feederCall<A extends RkyvType, R extends RkyvType>(
    contract: ContractId,
    fn: string,
    argType: A,
    arg: ValueOf<A>,
    ret: R,
    gasLimit: bigint,
    onFeed: (chunk: Uint8Array) => void,
  ): CallReceipt & { value: ValueOf<R> } {
    const receipt = this.feederCallRaw(contract, fn, encode(argType, arg), gasLimit, onFeed);
    return { ...receipt, value: decode(ret, receipt.data) };
  }

  private runTopLevel(
    contract: LoadedContract,
    fn: string,
    arg: Uint8Array,
    gasLimit: bigint,
  ): CallReceipt {
    return runTopLevelCall(this.callSite, contract, fn, arg, gasLimit);
  }

  /**
   * Replace `contract` by new bytecode (spec §2.4): deploy it under a temporary id, let
   * `migration` move state over, then give it the old id. On error the session is closed, as
   * piecrust consumes it.
   */
  async migrate(
    contract: ContractId,
    bytecode: Uint8Array,
    options: Partial<DeployOptions>,
    gasLimit: bigint,
    migration: (newId: ContractId, session: Session) => void | Promise<void>,
  ): Promise<Session> {
    this.assertOpen();
    try {
      const owner = options.owner ?? this.ownerOf(contract);
      if (owner === undefined) {
        throw new PiecrustError(
          'InvalidInput',
          'Owner must be specified when deploying a contract',
          {},
        );
      }
      const { contractId: newId } = this.deploy(bytecode, { ...options, owner }, gasLimit);
      await migration(newId, this);
      const replacement = this.contracts.get(newId);
      if (replacement === undefined) throw new Error(`migrated contract ${newId} vanished`);
      // Another contract at the target's position (the target itself and the temporary id aside).
      this.checkPositionFree(contract, [contract, newId]);
      const baseRecord = this.baseRecord(contract);
      this.contracts.delete(newId);
      this.contracts.delete(contract);
      replacement.renameTo(contract);
      replacement.basePosition = baseRecord?.position;
      replacement.baseMemoryLen = baseRecord?.memoryLen;
      replacement.isNew = true;
      this.contracts.set(contract, replacement);
      this.version++;
      return this;
    } catch (e) {
      this.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- state

  private state(): ComputedState {
    if (this.cachedState?.version !== this.version) {
      const previous = this.cachedState?.state;
      const state = computeState(this.baseState, this.contracts.values(), this.nodes, previous);
      this.cachedState = { version: this.version, state };
    }
    return this.cachedState.state;
  }

  /** The root `commit` would return; the base's root when nothing changed. */
  root(): Root {
    this.assertOpen();
    return bytesToHex(this.state().root) as Root;
  }

  /**
   * Write the session as a new commit and close it. Returns the new (or existing) root. When the
   * commit cannot be written, the session stays open, unchanged.
   */
  async commit(label = ''): Promise<Root> {
    this.assertOpen();
    if (this.activeCall !== undefined)
      throw new PiecrustError('SessionError', 'cannot commit during a call', {});
    const state = this.state();
    const root = bytesToHex(state.root) as Root;
    const existing = this.host.store.getCommit(root);
    // With a commit of this root there already, only its contract index tells whether this state
    // is that commit's or another one under the same root (refused). The same state committed
    // again under a new label records the label; its batch stays complete all the same, in case
    // the commit is deleted before the write.
    const relabel = existing !== undefined && addsLabel(existing, label);
    const batch = buildCommitBatch(
      this.baseState,
      state,
      this.nodes,
      this.base,
      label,
      this.gasTable.name,
      existing === undefined || relabel,
    );
    if (existing !== undefined && existing.indexRoot !== batch.commit.indexRoot) {
      throw rootCollision(root, existing, batch.commit.indexRoot, batchOverlay(batch, this.nodes));
    }
    if (existing === undefined || relabel) {
      if (this.recorder !== undefined) {
        addJournal(batch, this.recorder.journal, this.recorder.pages);
      }
      // A write that fails (a full disk, another state under this root committed meanwhile)
      // leaves the session open: nothing of it is lost, the commit can be tried again.
      await this.host.writeCommit(batch);
    }
    this.close();
    return root;
  }

  /** Per contract, the pages this session has changed relative to its base. */
  diffBase(): ContractDiff[] {
    this.assertOpen();
    const state = this.state();
    const batch = buildCommitBatch(
      this.baseState,
      state,
      this.nodes,
      this.base,
      '',
      this.gasTable.name,
      false,
    );
    return diffIndexes(
      batchOverlay(batch, this.nodes),
      this.baseState.indexRoot,
      hexToBytes(batch.commit.indexRoot),
    );
  }

  /** One page of a contract's live memory in this session (zeros past the end). */
  pageBytes(id: ContractId, page: number): Uint8Array {
    this.assertOpen();
    const contract = this.contract(id);
    if (contract === undefined)
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${id}`, {
        contract: id,
      });
    return contract.read(page * PAGE_SIZE, PAGE_SIZE);
  }

  /** Current memory length in bytes, loading the contract from the base if needed. */
  memoryLen(id: ContractId): number | undefined {
    this.assertOpen();
    return this.contract(id)?.length;
  }

  /**
   * Every page ever written by a contract loaded in this session, with its bytes and a Merkle
   * opening against `root()`; undefined when the session has not loaded the contract.
   */
  memoryPages(id: ContractId): MemoryPage[] | undefined {
    this.assertOpen();
    const contract = this.contracts.get(id);
    if (contract === undefined) return undefined;
    const state = this.state();
    const position = state.positions.get(id) ?? contract.basePosition;
    if (position === undefined) return [];
    const tree = state.contractsTree.opening(position);
    const view = contract.view();
    return contract.pageTree.leaves().map((leaf) => ({
      index: leaf.position,
      bytes: view.slice(leaf.position * PAGE_SIZE, (leaf.position + 1) * PAGE_SIZE),
      opening: { tree, inner: contract.pageTree.opening(leaf.position) },
    }));
  }

  contractMetadata(id: ContractId): ContractMetadata | undefined {
    this.assertOpen();
    const contract = this.contracts.get(id);
    if (contract !== undefined) return { contractId: contract.id, owner: contract.owner.slice() };
    const record = this.baseRecord(id);
    return record === undefined
      ? undefined
      : { contractId: record.id, owner: record.owner.slice() };
  }

  /** The bytecode of a contract of this session or its base. */
  bytecodeOf(id: ContractId): Uint8Array | undefined {
    this.assertOpen();
    const loaded = this.contracts.get(id);
    if (loaded !== undefined) return loaded.module.bytecode;
    const record = this.baseRecord(id);
    return record === undefined
      ? undefined
      : this.host.moduleByHash(record.codeHash, this.gasTable.name).bytecode;
  }

  /** Every contract of this session's state: the base's and those deployed here, by id. */
  contractIds(): ContractId[] {
    this.assertOpen();
    const ids = new Set<ContractId>(this.contracts.keys());
    if (this.base !== null)
      for (const r of listRecords(this.nodes, this.baseState.indexRoot)) ids.add(r.id);
    return [...ids].sort();
  }

  /** Indices of the pages ever written (the page tree's leaves) of a contract. */
  writtenPages(id: ContractId): number[] {
    this.assertOpen();
    const contract = this.contract(id);
    if (contract === undefined)
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${id}`, {
        contract: id,
      });
    this.state();
    return contract.pageTree.leaves().map((l) => l.position);
  }

  /** Contracts this session has deployed or loaded. */
  loadedContracts(): ContractId[] {
    return [...this.contracts.keys()];
  }

  setMeta(name: string, value: Uint8Array): Uint8Array | undefined {
    checkNameLength('metadata', name);
    if (value.length > ARGBUF_LEN) {
      throw new PiecrustError(
        'CompositeSerializerError',
        `metadata "${name}" of ${value.length} bytes exceeds ${ARGBUF_LEN}`,
        {
          len: value.length,
          max: ARGBUF_LEN,
        },
      );
    }
    const previous = this.metaItems.get(name);
    this.metaItems.set(name, value.slice());
    return previous;
  }

  removeMeta(name: string): Uint8Array | undefined {
    const previous = this.metaItems.get(name);
    this.metaItems.delete(name);
    return previous;
  }

  metaNames(): string[] {
    return [...this.metaItems.keys()];
  }

  /** Every `hdebug` message of this session (never reverted). */
  debugLog(): readonly string[] {
    return this.debugMessages;
  }

  /** The wall-clock limit of every later top-level call, in milliseconds (undefined: none). */
  setCallTimeout(timeoutMs: number | undefined): void {
    this.limits.timeoutMs = timeoutMs;
  }

  /** Observe every top-level call from now on (undefined: stop); returns the previous tracer. */
  setTracer(tracer: CallTracer | undefined): CallTracer | undefined {
    const previous = this.tracer;
    this.tracer = tracer;
    return previous;
  }

  /** Install a hook run before every inter-contract call; returns the previous one. */
  setCallHook(hook: CallHook): CallHook | undefined {
    const previous = this.callHook;
    this.callHook = hook;
    return previous;
  }

  clearCallHook(): CallHook | undefined {
    const previous = this.callHook;
    this.callHook = undefined;
    return previous;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Discard the session's changes and release its base commit. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.contracts.clear();
    this.recorder?.pages.close();
    if (this.base !== null) this.host.releaseBase(this.base);
  }
}

function collision(id: ContractId, pos: number): PiecrustError {
  return new PiecrustError(
    'ContractPositionCollision',
    `Contract '${id}' collides at Merkle position ${pos}`,
    {
      contract: id,
      pos,
    },
  );
}
