/**
 * A session's or commit's journal as clients step through it. Part of the InspectorApi's data, re-
 * exported by engine/api/types.ts.
 */
import type { ApiError, ContractIdHex, GasTableName, Hex, RootHex, U64 } from './values';
import type { EventView } from './calls';

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
  /** Empty when the journal was asked for without steps (`steps: false`; see stepCount). */
  steps: StepView[];
  /** How many steps the call has; given when its steps were left out (`steps: false`). */
  stepCount?: number;
}

/** Where a journal lives: a live session, or the commit its session produced. */
export type JournalSource = { session: string } | { commit: RootHex };

/** Which piece of a journal to read (InspectorApi.journal). */
export type JournalQuery = JournalSource & { from?: number; to?: number; steps?: boolean };

export interface StepDetail {
  step: StepView;
  deltas: PageDeltaView[];
  /** A failed exit: each page its subtree wrote, from its entry to the failure, then reverted. */
  reverted: PageDeltaView[];
  /**
   * Asked for with `rows` (StepRowsQuery): the chosen pages' bytes after the step around their
   * changes, so a view shows them without asking `pageAtStep` afterwards. A page whose bytes
   * could not be read is left out (`pageAtStep` says why).
   */
  rows?: StepPageRows[];
}

/**
 * Which bytes of a step's changed pages to send with its detail: the rows a view shows around
 * the changes. Rows are `rowBytes` long; the rows holding a changed byte (one whose `before` and
 * `after` differ), with `context` rows either side, the first `maxRows` of them by offset.
 */
export interface StepRowsQuery {
  /** How many of the step's changed pages, in the order of `deltas`, `focus` first. */
  pages: number;
  focus?: { contract: ContractIdHex; page: number };
  rowBytes: number;
  context: number;
  maxRows: number;
}

/** A changed page's bytes after the step, from the first row chosen to the end of the last. */
export interface StepPageRows {
  contract: ContractIdHex;
  page: number;
  /** The page offset of `after`'s first byte (empty `after`: no byte really changed). */
  offset: number;
  after: Hex;
}

export interface StepPoint {
  call: number;
  /** -1 = before the call. */
  step: number;
}
