/** What an InspectorService is created with (service.ts), and what its parts share. */
import type { GasTableName } from '../core/gas-tables';
import type { ApiEventHub } from './events';
import type { RecentList } from './recent-file';
import type { WorkspaceState } from './workspace-state';

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

/** What the service's parts share: the workspace (replaced when another store opens). */
export interface ServiceContext {
  /** Replaced by workspace switching (workspace-switch.ts). */
  ws: WorkspaceState;
  readonly events: ApiEventHub;
  readonly options: ServiceOptions;
}
