/**
 * The InspectorApi: the one service the UI talks to, implemented once (service.ts) and carried by
 * two transports (Electron IPC, WebSocket in browser mode). Everything crossing it is plain JSON:
 * bytes as `0x…` hex strings, gas and other u64 values as decimal strings, errors as
 * `{ code, message, details }`. Method names double as channel names (`engine:<method>`).
 *
 * The data it carries is declared by area in `data/` and re-exported here, so clients import
 * one module. The renderer imports this file with `import type` only.
 */
import type {
  ContractIdHex,
  GasTableName,
  GasTables,
  Hex,
  RootHex,
  ScriptValue,
} from './data/values';
import type { WorkspaceInfo } from './data/workspace';
import type { InterruptResult, SessionInfo, TerminateResult } from './data/sessions';
import type {
  CallRequest,
  CallResult,
  ContractDriverInfo,
  ContractInfo,
  DecodeRequest,
  DecodedValue,
  DeployRequest,
  DeployResult,
  DriverDecodeItem,
  DriverDecoding,
  DriverSchemaView,
  DriverSource,
  SampleContract,
} from './data/calls';
import type {
  JournalCallView,
  JournalQuery,
  JournalSource,
  StepDetail,
  StepPoint,
  StepRowsQuery,
} from './data/journal';
import type {
  CommitNode,
  ContractDiffView,
  MemoryInfo,
  PageDiff,
  PageWriters,
  StateRef,
} from './data/commits';
import type { ScriptInfo, ScriptStepResult } from './data/scripts';
import type { ProfileDiffView, ProfileExport, ProfileFormat, ProfileView } from './data/profiles';

export type * from './data/values';
export type * from './data/workspace';
export type * from './data/sessions';
export type * from './data/calls';
export type * from './data/journal';
export type * from './data/commits';
export type * from './data/scripts';
export type * from './data/events';
export type * from './data/profiles';

// ------------------------------------------------------------------ the interface

export interface InspectorApi {
  // workspace
  workspace(): Promise<WorkspaceInfo>;
  openWorkspace(req: { path: string }): Promise<WorkspaceInfo>;
  newWorkspace(req: { path: string }): Promise<WorkspaceInfo>;
  recentWorkspaces(): Promise<string[]>;
  closeWorkspace(): Promise<WorkspaceInfo>;

  // sessions
  /**
   * Open a session on `base` (genesis when absent or null). Without `gasTable` it meters with the
   * base commit's recorded table (a 0.19 history continues in 0.19), or with the default
   * (`gasTables().default`) on genesis or on a commit that recorded none.
   */
  openSession(req: {
    base?: RootHex | null;
    name?: string;
    meta?: Record<string, ScriptValue>;
    gasTable?: GasTableName;
  }): Promise<SessionInfo>;
  listSessions(): Promise<SessionInfo[]>;
  closeSession(req: { session: string }): Promise<void>;
  /** Stop the session's running call; never costs the session (see InterruptResult). */
  interrupt(req: { session: string }): Promise<InterruptResult>;
  /**
   * End the session's thread, a call running in it (stuck) included: the session is discarded.
   * With `recreate` it is opened again under the same id, name, base, meta and gas table, and
   * its earlier calls are run again, so only the call that would not stop is missing.
   */
  terminateSession(req: { session: string; recreate?: boolean }): Promise<TerminateResult>;
  /** The gas tables a session can meter with, and the default. */
  gasTables(): Promise<GasTables>;

  // contracts and calls
  samples(): Promise<SampleContract[]>;
  deploy(req: DeployRequest): Promise<DeployResult>;
  /** The contracts of a session's state (its base's and its own) or of a commit. */
  contracts(req: StateRef): Promise<ContractInfo[]>;
  call(req: CallRequest): Promise<CallResult>;
  /**
   * Name a contract ('' removes the name). Stored beside the state, so it changes no state root
   * and shows wherever the contract does, in every commit, also after reopening the store.
   */
  renameContract(req: { contract: ContractIdHex; name: string }): Promise<void>;
  /**
   * Attach a data-driver to a contract, stored with the store. A module the driver runtime
   * refuses (missing export, trap in `init`…) is refused with that error and nothing is stored.
   */
  attachDriver(req: { contract: ContractIdHex; driver: DriverSource }): Promise<ContractDriverInfo>;
  /** Every named contract's name, by id (names live beside the state: one map for all commits). */
  contractNames(): Promise<Record<ContractIdHex, string>>;
  /** The contract's driver's schema (InvalidInput when it has no driver). */
  driverSchema(req: { contract: ContractIdHex }): Promise<DriverSchemaView>;
  /** JSON to the contract's argument bytes by its driver (`encode_input_fn`). */
  driverEncode(req: { contract: ContractIdHex; fn: string; json: unknown }): Promise<Hex>;
  /** Values decoded by their contracts' drivers, in order; one refusal never fails the others. */
  driverDecode(req: { items: DriverDecodeItem[] }): Promise<DriverDecoding[]>;
  encodeValue(req: { value: ScriptValue }): Promise<Hex>;
  decodeValue(req: DecodeRequest): Promise<DecodedValue>;

  // gas profiles (issue 13)
  /**
   * Call, like `call`, on the profiling variant of the contracts' modules (same result, gas,
   * events and state) and keep the call's gas profile by WebAssembly function.
   */
  profileCall(req: CallRequest): Promise<{ result: CallResult; profile: ProfileView }>;
  /**
   * A call a journal recorded (entry `call` of a session's or commit's journal), profiled: re-run
   * on the state it started from (the journal's base and the entries before it), with
   * `recordedGas` and whether the re-run spent exactly that (`matched`). Changes no state.
   */
  profileJournalCall(req: JournalSource & { call: number }): Promise<ProfileView>;
  /** Two kept profiles compared: per function and as aligned trees, B − A. */
  profileDiff(req: { a: string; b: string }): Promise<ProfileDiffView>;
  /** A kept profile as folded stacks or a speedscope file. */
  exportProfile(req: { id: string; format: ProfileFormat }): Promise<ProfileExport>;

  // journal and stepping
  /**
   * The recorded calls, each with its index; from index `from` on when given (a client that has
   * the first ones fetches only the new), up to `to` (exclusive; refused below `from`, the
   * journal's end when past it) for a piece of a long journal. `steps: false` leaves each call's
   * steps out (`steps` empty, `stepCount` says how many): the call list of a long journal.
   */
  journal(req: JournalQuery): Promise<JournalCallView[]>;
  /**
   * A step's detail; with `rows`, also its changed pages' bytes around the changes (the Steps
   * view's rows, in the same reply: a jump then waits for one request, not two in a row).
   */
  stepDetail(
    req: JournalSource & { call: number; step: number; rows?: StepRowsQuery },
  ): Promise<StepDetail>;
  /**
   * A page's bytes at a point of the journal; with `offset` and `length`, only those bytes of it
   * (the rows around a step's changes, not the 64 KiB page twice).
   */
  pageAtStep(
    req: JournalSource & {
      point: StepPoint;
      contract: ContractIdHex;
      page: number;
      offset?: number;
      length?: number;
    },
  ): Promise<Hex>;
  stepsWritingPage(
    req: JournalSource & { contract: ContractIdHex; page: number },
  ): Promise<StepPoint[]>;

  // memory
  memory(req: StateRef & { contract: ContractIdHex }): Promise<MemoryInfo>;
  readMemory(
    req: StateRef & { contract: ContractIdHex; offset: number; length: number },
  ): Promise<Hex>;

  // commits and the graph
  commit(req: { session: string; label?: string }): Promise<CommitNode>;
  deleteCommit(req: { root: RootHex }): Promise<void>;
  finalizeCommit(req: { root: RootHex }): Promise<void>;
  /**
   * Every commit with what it changed, oldest first; a piece of that list with `after` (the root
   * of the last commit already read) and `limit`, so a big history need not be read at once.
   */
  commitGraph(req?: { after?: RootHex; limit?: number }): Promise<CommitNode[]>;

  // diffs
  diff(req: { from: StateRef; to: StateRef }): Promise<ContractDiffView[]>;
  pageDiff(req: {
    from: StateRef;
    to: StateRef;
    contract: ContractIdHex;
    page: number;
  }): Promise<PageDiff>;
  /** The steps that wrote a page on the `side` of a diff, back to the two sides' common ancestor. */
  pageWriters(req: {
    from: StateRef;
    to: StateRef;
    side: 'from' | 'to';
    contract: ContractIdHex;
    page: number;
  }): Promise<PageWriters>;

  // scripts
  loadScript(req: { path?: string; json?: unknown }): Promise<ScriptInfo>;
  scriptStep(req: { script: string }): Promise<ScriptStepResult | null>;
  scriptRun(req: { script: string }): Promise<ScriptStepResult[]>;
  saveScript(req: { session: string; path?: string }): Promise<unknown>;
}

export type ApiMethod = keyof InspectorApi;

/**
 * Every method, checked by the compiler against the interface in both directions: a method
 * added to InspectorApi and missing here (or the reverse) is a type error. Transports derive
 * their channels from this list.
 */
const METHOD_SET = {
  workspace: true,
  openWorkspace: true,
  newWorkspace: true,
  recentWorkspaces: true,
  closeWorkspace: true,
  openSession: true,
  listSessions: true,
  closeSession: true,
  interrupt: true,
  terminateSession: true,
  gasTables: true,
  samples: true,
  deploy: true,
  contracts: true,
  call: true,
  renameContract: true,
  attachDriver: true,
  profileCall: true,
  profileJournalCall: true,
  profileDiff: true,
  exportProfile: true,
  contractNames: true,
  driverSchema: true,
  driverEncode: true,
  driverDecode: true,
  encodeValue: true,
  decodeValue: true,
  journal: true,
  stepDetail: true,
  pageAtStep: true,
  stepsWritingPage: true,
  memory: true,
  readMemory: true,
  commit: true,
  deleteCommit: true,
  finalizeCommit: true,
  commitGraph: true,
  diff: true,
  pageDiff: true,
  pageWriters: true,
  loadScript: true,
  scriptStep: true,
  scriptRun: true,
  saveScript: true,
} as const satisfies Record<ApiMethod, true>;

export const API_METHODS = Object.keys(METHOD_SET) as ApiMethod[];

export function channelOf(method: ApiMethod): string {
  return `engine:${method}`;
}
