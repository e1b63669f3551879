/**
 * The call journal (design "Recording and stepping"): every top-level call and deploy of a
 * session, and inside each the timeline of frame boundaries — entering and leaving nested
 * calls — with the memory each segment of execution changed. Memory at any step is the base
 * state plus the deltas of the steps up to it, so the journal stores only changed bytes.
 */
import type { ErrorData } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import type { ContractId, Root } from '../core/ids';
import type { Event } from '../vm/types';

export interface ByteChange {
  offset: number;
  before: Uint8Array;
  after: Uint8Array;
}

/**
 * What one segment of execution changed in one page: the page before and after, by the hash of
 * their bytes (kept once each: the session's PageSpill, then the store's pages), and the byte
 * ranges that differ.
 */
export interface PageRefDelta {
  contract: ContractId;
  page: number;
  before: string;
  after: string;
  /** [start, end) offsets within the page. */
  ranges: Array<{ start: number; end: number }>;
}

/** The same, as journals recorded before page references kept it: the changed bytes inline. */
export interface InlineDelta {
  contract: ContractId;
  page: number;
  changes: ByteChange[];
}

export type PageDelta = PageRefDelta | InlineDelta;

export function isInlineDelta(delta: PageDelta): delta is InlineDelta {
  return 'changes' in delta;
}

export interface JournalStep {
  kind: 'enter' | 'exit';
  /** Frame depth: 0 for the top-level frame. */
  depth: number;
  contract: ContractId;
  fn: string;
  /**
   * Gas limit of the frame (enter) / gas it spent, inclusive (exit). A failed frame spent
   * `limit − remaining` at its failure (all of its limit when out of gas), as piecrust's counter
   * stood; its caller was charged the whole limit all the same (spec §3.5).
   */
  gas: bigint;
  /**
   * Journals recorded before failed frames' gas was: a failed exit's `gas` held the frame's
   * limit, not what it spent, so it is not shown as spent.
   */
  gasNotRecorded?: true;
  /** Argument (enter) or returned bytes (successful exit). */
  data?: Uint8Array;
  /** A failed exit: the frame and its subtree were reverted. */
  error?: ErrorData;
  /** The contract whose code ran in the segment that ends at this step (none before the first). */
  ran?: ContractId;
  /** Memory changed by that segment (for a failed exit: including the revert). */
  deltas: PageDelta[];
  /**
   * A failed exit: every page the frame and its callees wrote, from as it was when the frame was
   * entered to as the failure left it — the writes the revert undid (absent: none, or a journal
   * recorded before they were kept).
   */
  reverted?: PageDelta[];
  /** Events emitted and debug messages printed in that segment. */
  events: Event[];
  debug: string[];
}

export interface JournalCall {
  index: number;
  kind: 'deploy' | 'call';
  contract: ContractId;
  fn: string;
  arg: Uint8Array;
  gasLimit: bigint;
  /**
   * Gas the call spent: its receipt's, or for a failed call (no receipt) `limit − remaining` at
   * the failure (the limit when out of gas). Undefined for failed calls of older journals.
   */
  gasSpent: bigint | undefined;
  /** The gas table `gasSpent` and the steps' gas are counted in (absent in older journals). */
  gasTable?: GasTableName;
  result: Uint8Array | undefined;
  error: ErrorData | undefined;
  /** For deploys: the code hash; the data-segment writes are the first step's deltas. */
  codeHash?: string;
  /** For deploys: the owner bytes, and whether the id was given explicitly (not blake3 of the code). */
  owner?: Uint8Array;
  explicitId?: boolean;
  /**
   * The session's metadata items as the call ran, by name (what `hd` read: a block height, a chain
   * id), so a re-run gives the call what it had. Absent in journals recorded before format 4.
   */
  meta?: Array<[name: string, value: Uint8Array]>;
  steps: JournalStep[];
  /** Wall-clock time the call took, in microseconds (informational). */
  micros: number;
}

export interface Journal {
  base: Root | null;
  /** The session's gas table (absent in journals recorded before tables were). */
  gasTable?: GasTableName;
  calls: JournalCall[];
}
