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
import { bytesToHex, type ContractId, type Root } from '../core/ids';
import type { ContractDiff } from '../diff/state-diff';
import type { CommitRecord } from '../store/commit-store';
import { decode, encode, type RkyvType, type ValueOf } from '../rkyv';
import type { CallContext, CallLimits } from './call-context';
import type { Journal, JournalCall } from '../journal/types';
import { ARGBUF_LEN } from './host-abi';
import type { HostEnvironment } from './host-environment';
import type { CallTracer } from './call-tracer';
import { createHostImports } from './host-functions';
import type { LoadedContract } from './loaded-contract';
import { runTopLevelCall, checkGas, type CallSite } from './top-level-call';
import { DEFAULT_GAS_TABLE } from '../core/gas-tables';
import { GAS_TABLES, type GasTable } from '../wasm/gas-schedule';
import { baseStateOf } from './state-computation';
import { SessionContracts, type SessionHost } from './session-contracts';
import { SessionJournal } from './session-journal';
import { SessionMeta } from './session-meta';
import { deployContract } from './session-deploy';
import { writeCommit } from './session-commit';
import * as stateReads from './session-reads';
import type { MemoryPage } from './page-opening';
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

export type { SessionHost } from './session-contracts';
export { verifyPageOpening, type MemoryPage, type PageOpening } from './page-opening';

export class Session implements HostEnvironment {
  readonly name: string;
  readonly base: Root | null;
  readonly events: Event[] = [];
  readonly containHostQueryPanics: boolean;
  /** The gas table every call of this session is metered with (fixed for its lifetime). */
  readonly gasTable: GasTable;
  callHook: CallHook | undefined;
  private readonly contracts: SessionContracts;
  /** Its debug output and, opened with `journal: true`, its call journal. */
  private readonly record: SessionJournal;
  private readonly metaItems = new SessionMeta();
  private readonly queries: Map<string, HostQuery>;
  private activeCall: CallContext | undefined;
  private feeder: ((chunk: Uint8Array) => void) | undefined;
  private closed = false;
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
    this.queries = new Map(queries);
    for (const name of options.excludeHostQueries ?? []) this.queries.delete(name);
    this.containHostQueryPanics = options.containHostQueryPanics ?? true;
    this.gasTable = GAS_TABLES[options.gasTable ?? DEFAULT_GAS_TABLE];
    this.limits = { timeoutMs: options.timeoutMs, interrupt: options.interrupt };
    this.contracts = new SessionContracts(
      host,
      this.base,
      baseStateOf(baseCommit),
      this.gasTable.name,
      (contract) => {
        contract.imports = createHostImports(this, contract);
      },
    );
    for (const [k, v] of Object.entries(options.meta ?? {})) this.setMeta(k, v);
    this.record = new SessionJournal(
      this.base,
      this.gasTable.name,
      () => this.events,
      options.journal === true,
      () => this.metaItems.entries(),
    );
    this.callSite = {
      events: this.events,
      recorder: this.record.recorder,
      tracer: () => this.tracer,
      limits: () => this.limits,
      setActiveCall: (ctx) => {
        this.activeCall = ctx;
      },
      changed: () => this.contracts.changed(),
    };
  }

  /**
   * The calls recorded so far (sessions opened with `journal: true`), from index `from` on; each
   * keeps its index in the whole journal; up to `to` (exclusive) when given.
   */
  journal(from = 0, to?: number): Journal | undefined {
    return this.record.journal(from, to);
  }

  /** The page versions the journal refers to, by hash (undefined for a hash it has not kept). */
  journalPages(hashes: readonly string[]): Array<Uint8Array | undefined> {
    return this.record.journalPages(hashes);
  }

  /** Calls recorded in the journal, deploys included (0 without a journal). */
  get recordedCalls(): number {
    return this.record.calls;
  }

  /** Deploys recorded in the journal. */
  get recordedDeploys(): number {
    return this.record.deploys;
  }

  /** The journal's last call. */
  lastRecordedCall(): JournalCall | undefined {
    return this.record.lastCall();
  }

  // ---------------------------------------------------------------- HostEnvironment

  callContext(): CallContext {
    if (this.activeCall === undefined) throw new Error('host function called outside of a call');
    return this.activeCall;
  }

  contract(id: ContractId): LoadedContract | undefined {
    return this.contracts.get(id);
  }

  ownerOf(id: ContractId): Uint8Array | undefined {
    return this.contracts.loadedContract(id)?.owner ?? this.contracts.baseRecord(id)?.owner;
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
    this.record.debug(message);
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

  /** Deploy a contract (spec §2.2). The session stays usable when deploy fails. */
  deploy(bytecode: Uint8Array, options: DeployOptions, gasLimit: bigint): DeployResult {
    this.assertOpen();
    return deployContract(
      {
        host: this.host,
        contracts: this.contracts,
        recorder: this.record.recorder,
        gasTable: this.gasTable.name,
        run: (contract, fn, arg, gas) => runTopLevelCall(this.callSite, contract, fn, arg, gas),
      },
      bytecode,
      options,
      gasLimit,
    );
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
    return runTopLevelCall(this.callSite, this.contracts.existing(contract), fn, arg, gasLimit);
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
      this.contracts.replaceByMigrated(contract, newId);
      return this;
    } catch (e) {
      this.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- state

  /** The root `commit` would return; the base's root when nothing changed. */
  root(): Root {
    this.assertOpen();
    return bytesToHex(this.contracts.state().root) as Root;
  }

  /**
   * Write the session as a new commit and close it. Returns the new (or existing) root. When the
   * commit cannot be written, the session stays open, unchanged.
   */
  async commit(label = ''): Promise<Root> {
    this.assertOpen();
    if (this.activeCall !== undefined)
      throw new PiecrustError('SessionError', 'cannot commit during a call', {});
    const root = await writeCommit(
      this.host,
      this.contracts,
      this.record,
      this.gasTable.name,
      label,
    );
    this.close();
    return root;
  }

  /** Per contract, the pages this session has changed relative to its base. */
  diffBase(): ContractDiff[] {
    this.assertOpen();
    return stateReads.diffBase(this.contracts, this.gasTable.name);
  }

  /** One page of a contract's live memory in this session (zeros past the end). */
  pageBytes(id: ContractId, page: number): Uint8Array {
    this.assertOpen();
    return stateReads.pageBytes(this.contracts, id, page);
  }

  /** Current memory length in bytes, loading the contract from the base if needed. */
  memoryLen(id: ContractId): number | undefined {
    this.assertOpen();
    return this.contracts.get(id)?.length;
  }

  /**
   * Every page ever written by a contract loaded in this session, with its bytes and a Merkle
   * opening against `root()`; undefined when the session has not loaded the contract.
   */
  memoryPages(id: ContractId): MemoryPage[] | undefined {
    this.assertOpen();
    return stateReads.memoryPages(this.contracts, id);
  }

  contractMetadata(id: ContractId): ContractMetadata | undefined {
    this.assertOpen();
    return stateReads.contractMetadata(this.contracts, id);
  }

  /** The bytecode of a contract of this session or its base. */
  bytecodeOf(id: ContractId): Uint8Array | undefined {
    this.assertOpen();
    return stateReads.bytecodeOf(this.contracts, id);
  }

  /** Every contract of this session's state: the base's and those deployed here, by id. */
  contractIds(): ContractId[] {
    this.assertOpen();
    return this.contracts.ids();
  }

  /** Indices of the pages ever written (the page tree's leaves) of a contract. */
  writtenPages(id: ContractId): number[] {
    this.assertOpen();
    return stateReads.writtenPages(this.contracts, id);
  }

  /** Contracts this session has deployed or loaded. */
  loadedContracts(): ContractId[] {
    return this.contracts.loadedIds();
  }

  // ---------------------------------------------------------------- settings

  setMeta(name: string, value: Uint8Array): Uint8Array | undefined {
    return this.metaItems.set(name, value);
  }

  removeMeta(name: string): Uint8Array | undefined {
    return this.metaItems.remove(name);
  }

  metaNames(): string[] {
    return this.metaItems.names();
  }

  /** Every `hdebug` message of this session (never reverted). */
  debugLog(): readonly string[] {
    return this.record.debugLog();
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
    this.record.close();
    if (this.base !== null) this.host.releaseBase(this.base);
  }
}
