/**
 * Scripts run through the API, step by step. Part of the InspectorApi's data, re-exported by
 * engine/api/types.ts.
 */
import type { ApiError, GasTableName } from './values';
import type { JournalSource } from './journal';

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
