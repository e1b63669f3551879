/**
 * InspectorService: the InspectorApi implemented over a VM and its store. One instance per engine
 * host (the Electron utility process, or the `serve` process). Sessions run on worker threads by
 * default, so a call never blocks the service and can be interrupted; `sessionMode: 'local'`
 * runs them on the service's own thread (tests, tools).
 *
 * The one class implementing the API, by delegating each request to the part whose job it is:
 * which store is open (workspace-switch.ts), sessions over their lifetime (service-sessions.ts),
 * deploys and calls (service-calls.ts), scripts (service-scripts.ts), and reads of state,
 * journals and commits (state-queries.ts, page-writers.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PiecrustError } from '../core/errors';
import { openingStore } from '../core/store-path';
import { GAS_TABLE_DESCRIPTIONS, GAS_TABLE_NAMES } from '../core/gas-tables';
import { hexToBytes, toContractId } from '../core/ids';
import { decodeExplained, encodeScriptValue, formatValue, parseType, toScriptValue } from '../rkyv';
import { createVm } from '../vm/vm';
import * as names from './contract-names';
import { ApiEventHub } from './events';
import { SAMPLES, sampleBytecode, samplesDirectory } from './samples';
import { commitPage } from './commit-graph';
import { knownCommit } from './known-commit';
import { pageWriters } from './page-writers';
import { ServiceCalls } from './service-calls';
import type { ServiceContext, ServiceOptions } from './service-options';
import { ServiceScripts } from './service-scripts';
import { ServiceSessions } from './service-sessions';
import * as queries from './state-queries';
import type * as T from './types';
import { hex } from './views';
import { contractResolver } from './contract-ref';
import * as driverValues from './driver-values';
import * as profiles from './service-profiles';
import { profileJournalCall } from './recorded-profiles';
import { profileView } from './profile-views';
import { WorkspaceState } from './workspace-state';
import { WorkspaceSwitch } from './workspace-switch';
import { WritableFolders } from './writable-folders';

export { DEFAULT_CALL_TIMEOUT_MS, type ServiceOptions } from './service-options';

export class InspectorService implements T.InspectorApi {
  readonly events = new ApiEventHub();
  private readonly ctx: ServiceContext;
  private readonly sessions: ServiceSessions;
  private readonly calls: ServiceCalls;
  private readonly workspaces: WorkspaceSwitch;
  private readonly scripts: ServiceScripts;

  private constructor(
    ws: WorkspaceState,
    private readonly options: ServiceOptions,
    private readonly writable: WritableFolders,
  ) {
    this.ctx = { ws, events: this.events, options };
    this.sessions = new ServiceSessions(this.ctx);
    this.calls = new ServiceCalls(this.ctx, this.sessions);
    this.workspaces = new WorkspaceSwitch(this.ctx, writable, this.sessions.spare);
    this.scripts = new ServiceScripts(
      this.ctx,
      this.sessions,
      this.calls,
      {
        deleteCommit: (root) => this.deleteCommit({ root }),
        finalizeCommit: (root) => this.finalizeCommit({ root }),
      },
      writable,
    );
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

  private get ws(): WorkspaceState {
    return this.ctx.ws;
  }

  // ---------------------------------------------------------------- workspace

  workspace(): Promise<T.WorkspaceInfo> {
    return this.workspaces.workspace();
  }

  /**
   * Let the API write in `folder` too: for hosts, when the user picks it (a native dialog). Not
   * an API method, so no client can call it.
   */
  allowWritesIn(folder: string): void {
    this.writable.allow(folder);
  }

  openWorkspace(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.workspaces.open(req);
  }

  newWorkspace(req: { path: string }): Promise<T.WorkspaceInfo> {
    return this.workspaces.create(req);
  }

  async recentWorkspaces(): Promise<string[]> {
    return this.workspaces.recentPaths();
  }

  closeWorkspace(): Promise<T.WorkspaceInfo> {
    return this.workspaces.close();
  }

  async close(): Promise<void> {
    await this.ws.close();
    await this.sessions.spare.drop();
  }

  // ---------------------------------------------------------------- sessions

  openSession(req: {
    base?: string | null;
    name?: string;
    meta?: Record<string, unknown>;
    gasTable?: T.GasTableName;
  }): Promise<T.SessionInfo> {
    return this.sessions.open(req);
  }

  listSessions(): Promise<T.SessionInfo[]> {
    return this.sessions.list();
  }

  closeSession(req: { session: string }): Promise<void> {
    return this.sessions.close(req);
  }

  interrupt(req: { session: string }): Promise<T.InterruptResult> {
    return this.sessions.interrupt(req);
  }

  terminateSession(req: { session: string; recreate?: boolean }): Promise<T.TerminateResult> {
    return this.sessions.terminate(req);
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

  deploy(req: T.DeployRequest): Promise<T.DeployResult> {
    return this.calls.deploy(req);
  }

  async contracts(req: T.StateRef): Promise<T.ContractInfo[]> {
    return queries.contracts(this.ws, req);
  }

  call(req: T.CallRequest): Promise<T.CallResult> {
    return this.calls.call(req);
  }

  async renameContract(req: { contract: string; name: string }): Promise<void> {
    await names.renameContract(this.ws.vm, req.contract, req.name);
    this.contractChanged(req.contract);
  }

  async attachDriver(req: {
    contract: string;
    driver: T.DriverSource;
  }): Promise<T.ContractDriverInfo> {
    const attached = await names.attachDriver(this.ws.vm, req.contract, req.driver);
    this.contractChanged(req.contract);
    return attached;
  }

  private contractChanged(contract: string): void {
    const id = toContractId(contract);
    this.events.emit('contractChanged', { contract: id, ...names.contractMetaOf(this.ws.vm, id) });
  }

  // ---------------------------------------------------------------- gas profiles

  async profileCall(req: T.CallRequest): Promise<{ result: T.CallResult; profile: T.ProfileView }> {
    const { result, profile } = await this.calls.profileCall(req);
    const contract = toContractId(req.contract);
    const label = profiles.profileLabel(this.ws.vm, contract, req.fn);
    return { result, profile: profiles.keepProfile(this.ws.profiles, this.ws.vm, profile, label) };
  }

  async profileJournalCall(req: T.JournalSource & { call: number }): Promise<T.ProfileView> {
    const source: T.JournalSource =
      'session' in req ? { session: req.session } : { commit: req.commit };
    return profileView(await profileJournalCall(this.ws, source, req.call));
  }

  async profileDiff(req: { a: string; b: string }): Promise<T.ProfileDiffView> {
    return profiles.profileDiff(this.ws.profiles, req.a, req.b);
  }

  async exportProfile(req: { id: string; format: T.ProfileFormat }): Promise<T.ProfileExport> {
    return profiles.exportProfile(this.ws.profiles, req.id, req.format);
  }

  async contractNames(): Promise<Record<T.ContractIdHex, string>> {
    return Object.fromEntries(this.ws.vm.contractNames());
  }

  async driverSchema(req: { contract: string }): Promise<T.DriverSchemaView> {
    return driverValues.driverSchema(this.ws.vm, req.contract);
  }

  async driverEncode(req: { contract: string; fn: string; json: unknown }): Promise<T.Hex> {
    return hex(driverValues.driverEncode(this.ws.vm, req.contract, req.fn, req.json));
  }

  async driverDecode(req: { items: T.DriverDecodeItem[] }): Promise<T.DriverDecoding[]> {
    return driverValues.driverDecode(this.ws.vm, req.items);
  }

  async encodeValue(req: { value: unknown }): Promise<T.Hex> {
    return hex(encodeScriptValue(req.value, contractResolver(this.ws.vm)));
  }

  async decodeValue(req: T.DecodeRequest): Promise<T.DecodedValue> {
    const type = parseType(req.type);
    const value = decodeExplained(type, hexToBytes(req.hex));
    return { text: formatValue(type, value), value: toScriptValue(type, value) };
  }

  // ---------------------------------------------------------------- journal, memory, diffs

  journal(req: T.JournalQuery): Promise<T.JournalCallView[]> {
    return queries.journalCalls(this.ws, req);
  }

  stepDetail(
    req: T.JournalSource & { call: number; step: number; rows?: T.StepRowsQuery },
  ): Promise<T.StepDetail> {
    return queries.stepDetail(this.ws, req, req.call, req.step, req.rows);
  }

  async pageAtStep(
    req: T.JournalSource & {
      point: T.StepPoint;
      contract: string;
      page: number;
      offset?: number;
      length?: number;
    },
  ): Promise<T.Hex> {
    const bytes = await queries.pageAtStep(this.ws, req, req.point, req.contract, req.page);
    return hex(queries.pageRange(bytes, req.offset, req.length));
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
    this.sessions.forget(req.session, 'committed');
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

  async commitGraph(req: { after?: string; limit?: number } = {}): Promise<T.CommitNode[]> {
    return queries.commitGraph(this.ws, commitPage(this.ws.vm, req));
  }

  // ---------------------------------------------------------------- scripts

  loadScript(req: { path?: string; json?: unknown }): Promise<T.ScriptInfo> {
    return this.scripts.load(req);
  }

  scriptStep(req: { script: string }): Promise<T.ScriptStepResult | null> {
    return this.scripts.step(req);
  }

  scriptRun(req: { script: string }): Promise<T.ScriptStepResult[]> {
    return this.scripts.run(req);
  }

  saveScript(req: { session: string; path?: string }): Promise<unknown> {
    return this.scripts.save(req);
  }
}
