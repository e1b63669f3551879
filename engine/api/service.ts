/**
 * InspectorService: the InspectorApi implemented over a VM and its store. One instance per engine
 * host (the Electron utility process, or the `serve` process). Sessions run on worker threads by
 * default, so a call never blocks the service and can be interrupted; `sessionMode: 'local'`
 * runs them on the service's own thread (tests, tools).
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { PiecrustError } from '../core/errors';
import { openingStore } from '../core/store-path';
import {
  GAS_TABLE_DESCRIPTIONS,
  GAS_TABLE_NAMES,
  isGasTableName,
  unknownGasTableMessage,
  type GasTableName,
} from '../core/gas-tables';
import { hexToBytes, toContractId, toRoot, type ContractId, type Root } from '../core/ids';
import { decodeExplained, encodeScriptValue, formatValue, parseType, toScriptValue } from '../rkyv';
import { parseScript, parseGas } from '../script/script-schema';
import { ScriptRunner } from '../script/script-runner';
import { loadScriptFile, wasmReader } from '../script/script-file';
import { startWorker, usable, type StartedWorker } from '../threads/started-worker';
import { INTERRUPT_GRACE_MS, WorkerSession } from '../threads/worker-session';
import { createVm } from '../vm/vm';
import type { CallReceipt, SessionOptions } from '../vm/types';
import { ABI_SIZES } from './abi-sizes';
import { ApiEventHub } from './events';
import { withRecent, type RecentList } from './recent-file';
import { contractBytecode, SAMPLES, sampleBytecode, samplesDirectory } from './samples';
import { knownCommit } from './known-commit';
import { pageWriters } from './page-writers';
import { replaceFile } from './replace-file';
import { exportScript } from './script-export';
import { ScriptSessions } from './script-sessions';
import { localSession } from '../vm/async-session';
import { defaultSessionName } from './session-names';
import { ReplayLog } from './session-replay';
import { recreateSession, type StartedSession } from './session-recreate';
import * as queries from './state-queries';
import type * as T from './types';
import { apiError, callResultView, hex, interruptedCallView } from './views';
import { WorkspaceState, type SessionEntry } from './workspace-state';
import { WritableFolders } from './writable-folders';

export interface ServiceOptions {
  sessionMode?: 'worker' | 'local';
  /** Session worker script (bundled apps pass the file next to their entry). */
  workerEntry?: URL;
  /** Where the sample .wasm files are (contracts/build by default). */
  samplesDir?: string;
  /** Persisted list of recently opened stores. */
  recent?: RecentList;
  /**
   * The gas table of sessions that pick none and have no recorded table to continue (on
   * genesis, or on a commit made before tables were recorded): the VM's default, `head` if absent.
   */
  gasTable?: GasTableName;
  /**
   * The folders the API may write in (saved scripts, new and opened stores): the ones the user
   * chose (writable-folders.ts). Absent: anywhere, for in-process tools and tests; every host a
   * client can reach passes its list (`serve` does) and adds folders with `allowWritesIn`.
   */
  writableFolders?: readonly string[];
  /**
   * Wall-clock limit of every call, in milliseconds (DEFAULT_CALL_TIMEOUT_MS when absent; 0: none):
   * past it the call fails with `Interrupted`, reverted, and the session goes on.
   */
  callTimeoutMs?: number;
  /**
   * How long an interrupted call has to stop before it is reported stuck (INTERRUPT_GRACE_MS
   * when absent). Tests shorten it; a stuck call is never ended without `terminateSession`.
   */
  interruptGraceMs?: number;
}

/** A call that runs longer than this in the app is stopped (a runaway loop on huge gas). */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

const DEFAULT_GAS = 1_000_000_000n;

export class InspectorService implements T.InspectorApi {
  readonly events = new ApiEventHub();
  private ws: WorkspaceState;
  private recent: string[];
  /**
   * A worker thread started ahead for the next session (threads/started-worker.ts): opening a
   * session then costs no thread start. Started after each worker session opens, so a service
   * that never opens one never starts a thread.
   */
  private spare: StartedWorker | undefined;

  private readonly scripts = new ScriptSessions({
    open: async (options) => {
      const started = await this.startSession(options);
      const { id } = await this.register(started, options.name);
      return { handle: started.handle, id };
    },
    tracked: (id, fn, contract, run) => {
      const entry = this.ws.sessions.get(id);
      return entry === undefined ? run() : this.tracked(entry, fn, contract, run);
    },
    current: (id) => this.ws.sessions.get(id)?.handle,
    changed: async (id) => {
      const entry = this.ws.sessions.get(id);
      if (entry !== undefined && !entry.handle.isClosed)
        this.events.emit('sessionChanged', await this.sessionInfo(entry));
    },
    committed: (id, root) => {
      this.forget(id, 'committed');
      this.events.emit(
        'commitCreated',
        queries.commitNode(this.ws, this.ws.vm.store.getCommit(root)!),
      );
    },
    closed: (id) => this.forget(id, 'closed'),
    callsOf: (id) => this.ws.sessions.get(id)?.info?.calls ?? 0,
    gasTableOf: (id) => this.ws.sessions.get(id)?.gasTable,
    deleteCommit: (root) => this.deleteCommit({ root }),
    finalizeCommit: (root) => this.finalizeCommit({ root }),
    holders: (root) => this.ws.vm.holders(root),
  });

  private constructor(
    ws: WorkspaceState,
    private readonly options: ServiceOptions,
    private readonly writable: WritableFolders,
  ) {
    this.ws = ws;
    this.recent = options.recent?.load() ?? [];
  }

  static async create(
    options: ServiceOptions & { store?: string } = {},
  ): Promise<InspectorService> {
    // Absolute, as openWorkspace resolves its paths: the open store is recognised by its path.
    const path =
      options.store === undefined || options.store === ':memory:'
        ? ':memory:'
        : resolve(options.store);
    // Before the store is opened (and locked): a chosen folder that is not there fails first.
    const writable = new WritableFolders(options.writableFolders ?? 'anywhere');
    const vm = await openingStore(path, () =>
      createVm({ store: path, gasTable: options.gasTable }),
    );
    return new InspectorService(new WorkspaceState(vm, path), options, writable);
  }

  // ---------------------------------------------------------------- workspace

  async workspace(): Promise<T.WorkspaceInfo> {
    return {
      path: this.ws.path,
      commits: this.ws.vm.commitRecords().length,
      sessions: this.ws.sessions.size,
      abi: { ...ABI_SIZES },
    };
  }

  /**
   * Let the API write in `folder` too: for hosts, when the user picks it (a native dialog). Not
   * an API method, so no client can call it.
   */
  allowWritesIn(folder: string): void {
    this.writable.allow(folder);
  }

  private async switchTo(path: string, mustExist: boolean | undefined): Promise<T.WorkspaceInfo> {
    // Opening the store already open (Open Recent on the current file) keeps it and its sessions;
    // reopening would trip over our own lock.
    if (mustExist === true && path === this.ws.path) return this.workspace();
    if (mustExist === true && !existsSync(path))
      throw new PiecrustError('InvalidInput', `no store file at ${path}`, { path });
    if (mustExist === false && existsSync(path))
      throw new PiecrustError('InvalidInput', `${path} already exists`, { path });
    // A store is written to (its lock, every commit): it must be in a chosen folder.
    if (path !== ':memory:')
      this.writable.check(path, mustExist === true ? 'to the store' : 'a new store');
    // Fails (and changes nothing) on a bad file.
    const vm = await openingStore(path, () =>
      createVm({ store: path, gasTable: this.options.gasTable }),
    );
    await this.ws.close();
    await this.dropSpare();
    this.ws = new WorkspaceState(vm, path);
    if (path !== ':memory:') {
      this.recent = withRecent(this.recent, path);
      this.options.recent?.save(this.recent);
    }
    const info = await this.workspace();
    this.events.emit('workspaceChanged', info);
    return info;
  }

  openWorkspace(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.switchTo(resolve(req.path), true);
  }

  newWorkspace(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.switchTo(resolve(req.path), false);
  }

  async recentWorkspaces(): Promise<string[]> {
    return [...this.recent];
  }

  closeWorkspace(): Promise<T.WorkspaceInfo> {
    return this.switchTo(':memory:', undefined);
  }

  async close(): Promise<void> {
    await this.ws.close();
    await this.dropSpare();
  }

  private async dropSpare(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    if (spare !== undefined && !spare.exited) await spare.worker.terminate();
  }

  // ---------------------------------------------------------------- sessions

  /** The table a new session meters with (the VM's rule, `Vm.gasTableFor`), checked. */
  private gasTableFor(base: Root | null, asked: unknown): GasTableName {
    if (asked !== undefined && !isGasTableName(asked)) {
      throw new PiecrustError('InvalidInput', unknownGasTableMessage(asked), {
        gasTable: typeof asked === 'string' ? asked : (JSON.stringify(asked) ?? null),
        accepted: GAS_TABLE_NAMES.join(', '),
      });
    }
    const record = base === null ? undefined : this.ws.vm.store.getCommit(base);
    return this.ws.vm.gasTableFor(record, asked);
  }

  private async startSession(options: SessionOptions): Promise<StartedSession> {
    const ws = this.ws;
    const gasTable = this.gasTableFor(options.base ?? null, options.gasTable);
    const limit = this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const timeoutMs = limit > 0 ? limit : undefined;
    const log = new ReplayLog();
    // Opened again as it was (re-created after a stuck call): with the table it resolved to.
    const opened = { ...options, gasTable };
    if (this.options.sessionMode === 'local') {
      const session = ws.vm.session({ ...opened, timeoutMs, journal: true });
      return { handle: log.recording(localSession(session)), gasTable, options: opened, log };
    }
    // The spare thread when it can host this session (one started for another store is let go).
    const spare = usable(this.spare, ws.vm, this.options.workerEntry);
    if (spare === undefined) void this.dropSpare();
    this.spare = undefined;
    const worker = await WorkerSession.open(
      ws.vm,
      { ...opened, timeoutMs, journal: true, entry: this.options.workerEntry },
      spare,
    );
    // The next one starts now, while the user works in this session.
    if (this.ws === ws && this.spare === undefined)
      this.spare = startWorker(ws.vm, this.options.workerEntry);
    return {
      handle: log.recording(worker),
      interrupt: (graceMs) => worker.interrupt(graceMs),
      gasTable,
      options: opened,
      log,
    };
  }

  private async sessionInfo(entry: SessionEntry): Promise<T.SessionInfo> {
    const { handle } = entry;
    if (entry.busy && entry.info !== undefined) return { ...entry.info, busy: true };
    const [root, contracts, journal] = await Promise.all([
      handle.root(),
      handle.contractIds(),
      handle.journal(),
    ]);
    entry.info = {
      id: entry.id,
      name: entry.name,
      base: handle.base,
      root,
      contracts,
      calls: journal?.calls.length ?? 0,
      deploys: journal?.calls.filter((c) => c.kind === 'deploy').length ?? 0,
      busy: entry.busy,
      gasTable: entry.gasTable,
    };
    return entry.info;
  }

  private async register(
    { handle, interrupt, gasTable, options, log }: StartedSession,
    name: string | undefined,
  ): Promise<T.SessionInfo> {
    const id = `s${this.ws.nextSession++}`;
    const entry: SessionEntry = {
      id,
      name: name ?? this.defaultName(handle.base),
      handle,
      gasTable,
      busy: false,
      options,
      log,
      interrupt,
    };
    this.ws.sessions.set(id, entry);
    const info = await this.sessionInfo(entry);
    this.events.emit('sessionChanged', info);
    return info;
  }

  /** A session opened without a name is named after what it starts from (session-names.ts). */
  private defaultName(base: Root | null): string {
    const record = base === null ? undefined : this.ws.vm.store.getCommit(base);
    const taken = [...this.ws.sessions.values()].map((e) => e.name);
    return defaultSessionName(record ?? null, taken);
  }

  async openSession(req: {
    base?: string | null;
    name?: string;
    meta?: Record<string, unknown>;
    gasTable?: GasTableName;
  }): Promise<T.SessionInfo> {
    const meta: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(req.meta ?? {}))
      meta[k] = encodeScriptValue(v, toContractId);
    const base = req.base === undefined || req.base === null ? null : toRoot(req.base);
    const started = await this.startSession({ base, meta, name: req.name, gasTable: req.gasTable });
    return this.register(started, req.name);
  }

  async listSessions(): Promise<T.SessionInfo[]> {
    for (const [id, entry] of this.ws.sessions)
      if (entry.handle.isClosed) this.forget(id, 'closed');
    return Promise.all([...this.ws.sessions.values()].map((e) => this.sessionInfo(e)));
  }

  private forget(id: string, reason: string): void {
    if (this.ws.sessions.delete(id)) this.events.emit('sessionClosed', { id, reason });
  }

  async closeSession(req: { session: string }): Promise<void> {
    const entry = queries.sessionEntry(this.ws, req.session);
    await entry.handle.close();
    this.forget(req.session, 'closed');
  }

  async interrupt(req: { session: string }): Promise<T.InterruptResult> {
    const entry = queries.sessionEntry(this.ws, req.session);
    if (entry.interrupt === undefined) {
      throw new PiecrustError(
        'InvalidInput',
        `session “${entry.name}” runs on the service thread and cannot be interrupted`,
        { session: entry.id },
      );
    }
    // The running call stops and reverts. One that does not (inside a host function) is left
    // running, session intact: ending it costs the session, which only the user decides
    // (terminateSession), told what it costs.
    const graceMs = this.graceMs();
    const outcome = await entry.interrupt(graceMs);
    if (outcome !== 'stuck') return { outcome };
    return { outcome, graceMs, recreatable: this.recreatable(entry) };
  }

  private graceMs(): number {
    return this.options.interruptGraceMs ?? INTERRUPT_GRACE_MS;
  }

  /** Earlier calls a re-created session has again (interrupted ones are not run again). */
  private recreatable(entry: SessionEntry): number {
    return Math.max(0, (entry.info?.calls ?? 0) - entry.log.skipped);
  }

  /**
   * A call's time limit stops it between gas slices; one still running a grace period past it
   * cannot be stopped (inside a host function): say so, once, and leave the choice to the user.
   */
  private watchTimeLimit(entry: SessionEntry, fn: string): NodeJS.Timeout | undefined {
    const limit = this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    if (limit <= 0 || entry.interrupt === undefined) return undefined;
    const timer = setTimeout(() => {
      this.events.emit('callStuck', {
        session: entry.id,
        fn,
        afterMs: limit,
        recreatable: this.recreatable(entry),
      });
    }, limit + this.graceMs());
    timer.unref();
    return timer;
  }

  async terminateSession(req: { session: string; recreate?: boolean }): Promise<T.TerminateResult> {
    const entry = queries.sessionEntry(this.ws, req.session);
    if (req.recreate !== true) {
      await entry.handle.close();
      this.forget(entry.id, 'terminated');
      return { outcome: 'discarded' };
    }
    return recreateSession(entry, {
      start: (options) => this.startSession(options),
      forget: (reason) => this.forget(entry.id, reason),
      info: () => this.sessionInfo(entry),
      changed: (info) => this.events.emit('sessionChanged', info),
    });
  }

  async gasTables(): Promise<T.GasTables> {
    return {
      default: this.ws.vm.gasTable,
      tables: GAS_TABLE_NAMES.map((name) => ({ name, description: GAS_TABLE_DESCRIPTIONS[name] })),
    };
  }

  // ---------------------------------------------------------------- contracts and calls

  async samples(): Promise<T.SampleContract[]> {
    const dir = this.options.samplesDir ?? samplesDirectory();
    return SAMPLES.filter((s) => existsSync(`${dir}${s.name}.wasm`)).map((s) => ({
      name: s.name,
      description: s.description,
      exports: [...this.ws.vm.loadModule(sampleBytecode(s.name, dir)).functions].sort(),
    }));
  }

  private async tracked<R>(
    entry: SessionEntry,
    fn: string,
    contract: string,
    run: () => Promise<R>,
  ): Promise<R> {
    if (entry.busy)
      throw new PiecrustError('SessionError', `session “${entry.name}” is busy with another call`, {
        session: entry.id,
      });
    entry.busy = true;
    this.events.emit('callProgress', { session: entry.id, phase: 'started', fn, contract });
    const running = run();
    entry.running = running;
    const overdue = this.watchTimeLimit(entry, fn);
    try {
      return await running;
    } finally {
      clearTimeout(overdue);
      if (entry.running === running) entry.running = undefined;
      entry.busy = false;
      this.events.emit('callProgress', { session: entry.id, phase: 'finished', fn, contract });
    }
  }

  private async outcome(
    entry: SessionEntry,
    gasLimit: bigint,
    run: () => Promise<CallReceipt | undefined>,
  ): Promise<T.CallResult> {
    const { handle } = entry;
    const debugBefore = (await handle.debugLog()).length;
    let receipt: CallReceipt | undefined;
    let error: T.ApiError | undefined;
    try {
      receipt = await run();
    } catch (e) {
      error = apiError(e);
    }
    // The worker was stopped.
    if (handle.isClosed) return interruptedCallView(gasLimit, error, entry.gasTable);
    const [root, debug, journal] = await Promise.all([
      handle.root(),
      handle.debugLog(),
      handle.journal(),
    ]);
    entry.busy = false;
    this.events.emit('sessionChanged', await this.sessionInfo(entry));
    // A call that ran is recorded; one that failed before it ran (a missing export…) is not,
    // and its error carries no gas (vm/failed-call-gas.ts).
    const recorded = error === undefined || error.details.gasSpent !== undefined;
    const call = recorded ? journal?.calls.at(-1) : undefined;
    const failure =
      error !== undefined && call !== undefined
        ? await queries.failedCallDetail(this.ws, { session: entry.id }, call)
        : undefined;
    return callResultView(
      gasLimit,
      receipt,
      error,
      {
        root,
        debug: debug.slice(debugBefore),
        journalIndex: call?.index ?? -1,
        gasTable: entry.gasTable,
      },
      failure,
    );
  }

  async deploy(req: T.DeployRequest): Promise<T.DeployResult> {
    const entry = queries.sessionEntry(this.ws, req.session);
    const bytecode = contractBytecode(req.source, this.options.samplesDir);
    const owner =
      req.owner === undefined ? new Uint8Array(32) : encodeScriptValue(req.owner, toContractId);
    const initArg = req.init === undefined ? undefined : encodeScriptValue(req.init, toContractId);
    const contractId = req.contractId === undefined ? undefined : toContractId(req.contractId);
    const gas = req.gas === undefined ? DEFAULT_GAS : parseGas(req.gas, 'gas');
    let deployed: ContractId | undefined;
    const result = await this.tracked(entry, 'deploy', contractId ?? '', () =>
      this.outcome(entry, gas, async () => {
        const r = await entry.handle.deploy(bytecode, { owner, initArg, contractId }, gas);
        deployed = r.contractId;
        return r.receipt;
      }),
    );
    if (result.ok && result.data === undefined) result.gasSpent = '0';
    return { ...result, contractId: deployed };
  }

  async contracts(req: T.StateRef): Promise<T.ContractInfo[]> {
    return queries.contracts(this.ws, req);
  }

  async call(req: T.CallRequest): Promise<T.CallResult> {
    const entry = queries.sessionEntry(this.ws, req.session);
    const contract = toContractId(req.contract);
    const arg =
      req.arg === undefined
        ? new Uint8Array(0)
        : 'hex' in req.arg
          ? hexToBytes(req.arg.hex)
          : encodeScriptValue(req.arg.value, toContractId);
    const gas = req.gas === undefined ? DEFAULT_GAS : parseGas(req.gas, 'gas');
    return this.tracked(entry, req.fn, contract, () =>
      this.outcome(entry, gas, () => entry.handle.callRaw(contract, req.fn, arg, gas)),
    );
  }

  async encodeValue(req: { value: unknown }): Promise<T.Hex> {
    return hex(encodeScriptValue(req.value, toContractId));
  }

  async decodeValue(req: T.DecodeRequest): Promise<T.DecodedValue> {
    const type = parseType(req.type);
    const value = decodeExplained(type, hexToBytes(req.hex));
    return { text: formatValue(type, value), value: toScriptValue(type, value) };
  }

  // ---------------------------------------------------------------- journal, memory, diffs

  journal(req: T.JournalSource): Promise<T.JournalCallView[]> {
    return queries.journalCalls(this.ws, req);
  }

  stepDetail(req: T.JournalSource & { call: number; step: number }): Promise<T.StepDetail> {
    return queries.stepDetail(this.ws, req, req.call, req.step);
  }

  async pageAtStep(
    req: T.JournalSource & { point: T.StepPoint; contract: string; page: number },
  ): Promise<T.Hex> {
    return hex(await queries.pageAtStep(this.ws, req, req.point, req.contract, req.page));
  }

  pageWriters(req: {
    from: T.StateRef;
    to: T.StateRef;
    side: 'from' | 'to';
    contract: string;
    page: number;
  }): Promise<T.PageWriters> {
    return pageWriters(this.ws, req);
  }

  stepsWritingPage(
    req: T.JournalSource & { contract: string; page: number },
  ): Promise<T.StepPoint[]> {
    return queries.stepsWritingPage(this.ws, req, req.contract, req.page);
  }

  memory(req: T.StateRef & { contract: string }): Promise<T.MemoryInfo> {
    return queries.memoryInfo(this.ws, req, req.contract);
  }

  async readMemory(
    req: T.StateRef & { contract: string; offset: number; length: number },
  ): Promise<T.Hex> {
    return hex(await queries.readMemory(this.ws, req, req.contract, req.offset, req.length));
  }

  diff(req: { from: T.StateRef; to: T.StateRef }): Promise<T.ContractDiffView[]> {
    return queries.diff(this.ws, req.from, req.to);
  }

  pageDiff(req: {
    from: T.StateRef;
    to: T.StateRef;
    contract: string;
    page: number;
  }): Promise<T.PageDiff> {
    return queries.pageDiff(this.ws, req.from, req.to, req.contract, req.page);
  }

  // ---------------------------------------------------------------- commits

  async commit(req: { session: string; label?: string }): Promise<T.CommitNode> {
    const entry = queries.sessionEntry(this.ws, req.session);
    if (entry.busy)
      throw new PiecrustError('SessionError', `session “${entry.name}” is busy with a call`, {
        session: entry.id,
      });
    const root = await entry.handle.commit(req.label ?? '');
    this.forget(req.session, 'committed');
    const node = queries.commitNode(this.ws, this.ws.vm.store.getCommit(root)!);
    this.events.emit('commitCreated', node);
    return node;
  }

  async deleteCommit(req: { root: string }): Promise<void> {
    const root = knownCommit(this.ws.vm, req.root);
    await this.ws.vm.deleteCommit(root);
    this.ws.commitNodes.delete(root);
    this.events.emit('commitsChanged', { reason: 'deleted', root });
  }

  async finalizeCommit(req: { root: string }): Promise<void> {
    const root = knownCommit(this.ws.vm, req.root);
    await this.ws.vm.finalizeCommit(root);
    this.events.emit('commitsChanged', { reason: 'finalized', root });
  }

  async commitGraph(): Promise<T.CommitNode[]> {
    return queries.commitGraph(this.ws);
  }

  // ---------------------------------------------------------------- scripts

  async loadScript(req: { path?: string; json?: unknown }): Promise<T.ScriptInfo> {
    // A script sent as JSON has no folder of its own: its `wasm` paths are the server's cwd's.
    const { script, baseDir, readWasm } =
      req.path === undefined
        ? {
            script: parseScript(req.json),
            baseDir: process.cwd(),
            readWasm: wasmReader(process.cwd()),
          }
        : loadScriptFile(req.path);
    const runner = new ScriptRunner(this.scripts.host(), script, { readWasm });
    const id = `script${this.ws.nextScript++}`;
    this.ws.scripts.set(id, { runner, baseDir });
    return { id, steps: script.steps.length, position: 0, done: script.steps.length === 0 };
  }

  private runner(id: string): ScriptRunner {
    const entry = this.ws.scripts.get(id);
    if (entry === undefined)
      throw new PiecrustError('InvalidInput', `no loaded script "${id}"`, { script: id });
    return entry.runner;
  }

  async scriptStep(req: { script: string }): Promise<T.ScriptStepResult | null> {
    const runner = this.runner(req.script);
    const result = (await this.scripts.step(runner)) ?? null;
    // Sessions the script left open stay open, listed (the app's tabs): never dropped unseen.
    if (runner.done) await runner.finish({ leaveSessionsOpen: true });
    return result;
  }

  async scriptRun(req: { script: string }): Promise<T.ScriptStepResult[]> {
    const runner = this.runner(req.script);
    const out: T.ScriptStepResult[] = [];
    while (!runner.done) {
      const r = await this.scripts.step(runner);
      if (r !== undefined) out.push(r);
    }
    // Deferred deletes/finalizes that failed at the end are results too; sessions left open
    // stay open (as in scriptStep).
    out.push(...(await runner.finish({ leaveSessionsOpen: true })));
    return out;
  }

  async saveScript(req: { session: string; path?: string }): Promise<unknown> {
    const { handle } = queries.idleSession(this.ws, req.session);
    const journal = await handle.journal();
    const { script, wasm } = await exportScript(
      journal ?? { base: null, calls: [] },
      handle.base,
      (id) => handle.bytecodeOf(id),
    );
    if (req.path !== undefined) {
      const path = this.writable.check(req.path, 'the script');
      // Only .json: even in a chosen folder, "save script" must not replace a file of another kind.
      if (extname(path) !== '.json') {
        throw new PiecrustError('InvalidInput', `a script is saved as a .json file, not ${path}`, {
          path,
        });
      }
      const files = [...wasm].map(
        ([name, bytes]) => [this.writable.check(join(dirname(path), name), name), bytes] as const,
      );
      for (const [file, bytes] of files) replaceFile(file, bytes);
      replaceFile(path, new TextEncoder().encode(JSON.stringify(script, null, 2) + '\n'));
    }
    return script;
  }
}
