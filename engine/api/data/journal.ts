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
}

export interface StepPoint {
  call: number;
  /** -1 = before the call. */
  step: number;
}
