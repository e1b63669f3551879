/**
 * The InspectorApi: the one service the UI talks to, implemented once (service.ts) and carried by
 * two transports (Electron IPC, WebSocket in browser mode). Everything crossing it is plain JSON:
 * bytes as `0x…` hex strings, gas and other u64 values as decimal strings, errors as
 * `{ code, message, details }`. Method names double as channel names (`engine:<method>`).
 *
 * The renderer imports this file with `import type` only.
 */
import type { GasTableName } from '../core/gas-tables';

export type { GasTableName };

export type Hex = string;
/** A u64 as a decimal string. */
export type U64 = string;
export type RootHex = string;
export type ContractIdHex = string;

/**
 * A gas table the engine meters with, and what it is in words. Every gas figure the API reports
 * (calls, deploys, journal calls, script steps) comes with the name of the table it is counted
 * in, so figures of different tables are never mixed.
 */
export interface GasTableInfo {
  name: GasTableName;
  description: string;
}

export interface GasTables {
  /** The table of sessions that pick none and start on genesis (the service VM's default). */
  default: GasTableName;
  tables: GasTableInfo[];
}

export interface ApiError {
  code: string;
  message: string;
  details: Record<string, string | number | boolean | null>;
}

/** A value in the script value syntax (design "Scripts and CLI"): `"0x…"` raw or `{ "u64": "5" }` typed. */
export type ScriptValue = unknown;

// ------------------------------------------------------------------ workspace

export interface WorkspaceInfo {
  /** Store file path, or `:memory:`. */
  path: string;
  commits: number;
  sessions: number;
  bytes?: number;
  /** piecrust's ABI sizes the engine runs with, for the renderer to lay memory out by. */
  abi: AbiSizes;
}

/**
 * The sizes of engine/core/abi.ts a client needs: a wasm page (the unit memory is written,
 * stored and diffed in) and the argument buffer `A`. Sent with the workspace info, which every
 * client loads first and gets again with every workspace change.
 */
export interface AbiSizes {
  pageSize: number;
  argBufferLen: number;
}

// ------------------------------------------------------------------ sessions and contracts

export interface SessionInfo {
  id: string;
  name: string;
  base: RootHex | null;
  root: RootHex;
  contracts: ContractIdHex[];
  /** Calls recorded so far in its journal, deploys included (a deploy runs `init`). */
  calls: number;
  /** How many of `calls` are deploys. */
  deploys: number;
  /** True while a call runs. */
  busy: boolean;
  /** The gas table every call of the session is metered with (fixed for its lifetime). */
  gasTable: GasTableName;
  /**
   * Times the session was re-created on a new thread (terminateSession with `recreate`): its
   * journal was replaced, possibly without a call in the middle. A client that fetched part of
   * the journal fetches it whole again when this changes (new calls alone never change it).
   */
  recreations: number;
}

/**
 * What an interrupt did. `stopped`: the running call failed with `Interrupted` and was reverted;
 * the session goes on. `idle`: nothing was running. `stuck`: the call did not stop within
 * `graceMs` (it is inside a host function, which no interrupt reaches): it still runs and the
 * session is intact; only `terminateSession` ends it, at the cost of the session.
 */
export interface InterruptResult {
  outcome: 'stopped' | 'idle' | 'stuck';
  /** stuck: how long the call was given to stop, in milliseconds. */
  graceMs?: number;
  /**
   * stuck: the session's earlier recorded calls (deploys included) that `terminateSession` with
   * `recreate` runs again; interrupted ones are not (they would run away again).
   */
  recreatable?: number;
}

/**
 * What `terminateSession` did: the session's thread was ended, its running call with it, and
 * the session discarded (committed state is untouched). With `recreate`, `session` is the same
 * session (same id, name, base and gas table) on a new thread, its earlier calls run again.
 */
export interface TerminateResult {
  outcome: 'discarded' | 'recreated';
  session?: SessionInfo;
  /** recreated: earlier calls left out (interrupted ones). */
  skipped?: number;
  /** recreated: the state's root is the one the session had before the call that would not stop. */
  sameState?: boolean;
}

export interface ContractInfo {
  id: ContractIdHex;
  owner: Hex;
  codeHash: string;
  memoryLen: number;
  is64: boolean;
  /** Exported functions (what can be called). */
  exports: string[];
  /** Offset of the argument buffer A. */
  argBuffer: number;
}

export type ContractSource =
  | { kind: 'sample'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; hex: Hex; name?: string };

export interface SampleContract {
  name: string;
  exports: string[];
  description: string;
}

export interface DeployRequest {
  session: string;
  source: ContractSource;
  /** Owner bytes (raw value); 32 zero bytes by default. */
  owner?: ScriptValue;
  init?: ScriptValue;
  contractId?: ContractIdHex;
  gas?: U64;
}

export type CallArgument = { hex: Hex } | { value: ScriptValue };

export interface CallRequest {
  session: string;
  contract: ContractIdHex;
  fn: string;
  arg?: CallArgument;
  gas?: U64;
}

export interface EventView {
  source: ContractIdHex;
  topic: string;
  data: Hex;
  reverted: boolean;
}

export interface CallTreeView {
  contract: ContractIdHex;
  fn: string;
  limit: U64;
  /**
   * Exclusive gas, as in piecrust's call tree: the frame's own spend (inclusive, up to its end or
   * failure) minus its children's. A failed child's whole limit was charged to its parent, so
   * the part it did not spend itself counts in the parent's.
   */
  spent: U64;
  /** Memory length when the frame was pushed (receipts only: a journal does not record it). */
  memLen?: number;
  /** The frame failed: its writes were reverted (failed calls' trees only). */
  error?: ApiError;
  children: CallTreeView[];
}

export interface CallResult {
  ok: boolean;
  data?: Hex;
  gasLimit: U64;
  /**
   * Gas spent: the receipt's; for a failed call (no receipt) `limit − remaining` at the failure,
   * the whole limit when out of gas. Absent when the call failed before it ran.
   */
  gasSpent?: U64;
  events: EventView[];
  /** The receipt's call tree; for a failed call, the frames that ran up to the failure. */
  callTree?: CallTreeView;
  /** A failed call: the pages its frames wrote, as they were before the call and at the failure. */
  reverted?: PageDeltaView[];
  /** Debug messages printed during the call. */
  debug: string[];
  error?: ApiError;
  /** Session root after the call. */
  root: RootHex;
  /** Index of the call in the session's journal; -1 when it failed before it was recorded. */
  journalIndex: number;
  /** The gas table `gasSpent` and the call tree's figures are counted in (the session's). */
  gasTable: GasTableName;
}

export interface DeployResult extends CallResult {
  contractId?: ContractIdHex;
}

export interface DecodeRequest {
  hex: Hex;
  /** A Rust type name: `Option<i16>`, `(u64, u64)`, `Vec<ContractId>`… */
  type: string;
}

export interface DecodedValue {
  /** Rust-Debug-like text: `Some(17)`, `Err(Panic("x"))`. */
  text: string;
  /** The value in the script value syntax, or null when it has no such form. */
  value: ScriptValue | null;
}

// ------------------------------------------------------------------ journal and stepping

export interface ByteChangeView {
  offset: number;
  before: Hex;
  after: Hex;
}

export interface PageDeltaView {
  contract: ContractIdHex;
  page: number;
  changes: ByteChangeView[];
}

export interface StepView {
  index: number;
  kind: 'enter' | 'exit';
  depth: number;
  contract: ContractIdHex;
  fn: string;
  /**
   * Limit (enter) or gas spent, inclusive (exit; for a failed exit up to its failure). Absent for
   * failed exits of journals recorded before that was kept.
   */
  gas?: U64;
  data?: Hex;
  error?: ApiError;
  ran?: ContractIdHex;
  pagesChanged: number;
  /** A failed exit: pages its frame and callees wrote that the revert undid (absent: none). */
  pagesReverted?: number;
  events: EventView[];
  debug: string[];
}

export interface JournalCallView {
  index: number;
  kind: 'deploy' | 'call';
  contract: ContractIdHex;
  fn: string;
  arg: Hex;
  gasLimit: U64;
  gasSpent?: U64;
  /** The gas table `gasSpent` and the steps' gas are counted in (absent in older journals). */
  gasTable?: GasTableName;
  result?: Hex;
  error?: ApiError;
  steps: StepView[];
}

/** Where a journal lives: a live session, or the commit its session produced. */
export type JournalSource = { session: string } | { commit: RootHex };

export interface StepDetail {
  step: StepView;
  deltas: PageDeltaView[];
  /** A failed exit: each page its subtree wrote, from its entry to the failure, then reverted. */
  reverted: PageDeltaView[];
}

export interface StepPoint {
  call: number;
  /** -1 = before the call. */
  step: number;
}

// ------------------------------------------------------------------ commits, graph, diffs

export interface CommitNode {
  root: RootHex;
  parent: RootHex | null;
  /** The label of the commit that first wrote this state. */
  label: string;
  /**
   * Every label this state was committed under, oldest first, each once, empty ones left out:
   * committing an identical state again (same root) adds its label to the same commit.
   */
  labels: string[];
  createdAt: number;
  finalized: boolean;
  /** Contracts whose state differs from the parent's. */
  contractsTouched: ContractIdHex[];
  pagesChanged: number;
  /**
   * The gas table of the session that made the commit (its journal's figures are in it). Absent
   * for commits made before tables were recorded.
   */
  gasTable?: GasTableName;
}

/**
 * A state to read memory from or diff: a commit or a live session. In diffs, the all-zero root
 * stands for genesis, the base of sessions opened on nothing.
 */
export type StateRef = { commit: RootHex } | { session: string };

export interface ContractDiffView {
  contract: ContractIdHex;
  status: 'added' | 'removed' | 'changed';
  pagesAdded: number[];
  pagesRemoved: number[];
  pagesChanged: number[];
  memoryLenBefore?: number;
  memoryLenAfter?: number;
}

export interface PageDiff {
  before: Hex;
  after: Hex;
  ranges: Array<{ start: number; end: number }>;
}

/** A journal step that changed a page, with the names a list of them needs. */
export interface PageWriterStep {
  point: StepPoint;
  callKind: 'deploy' | 'call';
  callFn: string;
  stepKind: 'enter' | 'exit';
  stepFn: string;
  contract: ContractIdHex;
}

/** One journal on the viewed side's lineage, and its steps that changed the page. */
export interface PageWriterJournal {
  source: JournalSource;
  /**
   * Its name for the user: the commit's labels, comma-separated ('' when it has none; a state
   * committed twice has two), or the session's name.
   */
  name: string;
  steps: PageWriterStep[];
}

/**
 * Who wrote a page, as the viewed side of a diff has it: the journals from that side back to
 * the commit it shares with the other side (its common ancestor), newest first.
 */
export interface PageWriters {
  side: 'from' | 'to';
  journals: PageWriterJournal[];
  /** Where the search stopped: the common ancestor's root, null for genesis. */
  ancestor: RootHex | null;
  /** A commit on the way whose journal could not be read: the search saw nothing past it. */
  gap?: { root: RootHex; reason: 'deleted' | 'no journal' };
}

export interface MemoryInfo {
  memoryLen: number;
  /** Pages ever written (the page tree's leaves). */
  pages: number[];
  argBuffer: number;
  is64: boolean;
}

// ------------------------------------------------------------------ scripts

export interface ScriptInfo {
  id: string;
  steps: number;
  position: number;
  done: boolean;
}

export interface ScriptStepResult {
  index: number;
  op: string;
  title: string;
  passed: boolean;
  reason?: string;
  data?: string;
  /** Gas spent: the receipt's, or for a failed deploy or call what it spent before failing. */
  gasSpent?: string;
  /** The deploy's or call's gas limit. */
  gasLimit?: string;
  events?: number;
  contractId?: string;
  root?: string;
  error?: ApiError;
  /** The API session the step acted on (opened, called, committed or dropped). */
  session?: string;
  /** That session's gas table: `gasSpent` is counted in it. */
  gasTable?: GasTableName;
  /**
   * Where a recorded deploy or call is: its session's journal, at this call. Once the session
   * commits, the same calls are the journal of the commit (`root` of that step).
   */
  journal?: { source: JournalSource; call: number };
}

// ------------------------------------------------------------------ events pushed to clients

export interface ApiEvents {
  commitCreated: CommitNode;
  commitsChanged: { reason: 'deleted' | 'finalized'; root: RootHex };
  sessionChanged: SessionInfo;
  sessionClosed: { id: string; reason: string };
  callProgress: {
    session: string;
    phase: 'started' | 'finished';
    fn: string;
    contract: ContractIdHex;
  };
  /**
   * A call ran past the time limit (`afterMs`) and the grace after it without stopping (inside a
   * host function): it still runs, the session intact. What to do is the user's
   * (`terminateSession`), as after an interrupt that reports `stuck`.
   */
  callStuck: {
    session: string;
    fn: string;
    afterMs: number;
    /** As InterruptResult's. */
    recreatable: number;
  };
  debug: { session: string; message: string };
  workspaceChanged: WorkspaceInfo;
  /**
   * Desktop only: the engine process died (exit `code`) and was restarted; its open sessions were
   * lost. It reopened `store` (`:memory:` when the store itself could not be reopened: see
   * `storeError`).
   */
  engineRestarted: { code: number | null; store: string; storeError?: string };
  /** A desktop menu command for the UI (Open Contract…, Run Script…). */
  menuCommand: { command: 'openContract' | 'runScript' | 'newSession'; path?: string };
}

export type ApiEventName = keyof ApiEvents;

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
  encodeValue(req: { value: ScriptValue }): Promise<Hex>;
  decodeValue(req: DecodeRequest): Promise<DecodedValue>;

  // journal and stepping
  /**
   * The recorded calls, each with its index; from index `from` on when given (a client that has
   * the first ones fetches only the new).
   */
  journal(req: JournalSource & { from?: number }): Promise<JournalCallView[]>;
  stepDetail(req: JournalSource & { call: number; step: number }): Promise<StepDetail>;
  pageAtStep(
    req: JournalSource & { point: StepPoint; contract: ContractIdHex; page: number },
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
  commitGraph(): Promise<CommitNode[]>;

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
