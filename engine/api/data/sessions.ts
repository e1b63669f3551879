/**
 * Sessions as clients see them, and what interrupting or terminating one did. Part of the
 * InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type { ContractIdHex, GasTableName, RootHex } from './values';

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
