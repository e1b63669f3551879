/**
 * The workspace the service works on: a VM over a store file (or memory), the sessions opened in
 * it and the scripts loaded. Replaced as a whole when another store is opened.
 */
import { ProfileKeeper } from './profile-keeper';
import type { GasTableName } from '../core/gas-tables';
import type { Root } from '../core/ids';
import type { ScriptRunner } from '../script/script-runner';
import type { SessionOptions } from '../vm/types';
import type { Vm } from '../vm/vm';
import type { AsyncSession } from '../vm/async-session';
import type { ReplayLog } from './session-replay';
import type { InterruptOutcome } from '../threads/worker-session';
import type { CommitNode, SessionInfo } from './types';

export interface SessionEntry {
  id: string;
  name: string;
  handle: AsyncSession;
  /** The table the session meters with, as resolved when it was opened. */
  gasTable: GasTableName;
  busy: boolean;
  /** What it was opened with (base, meta, gas table): a re-created session is opened the same. */
  options: SessionOptions;
  /** Its deploys and calls, to re-create it (session-replay.ts). */
  log: ReplayLog;
  /** Interrupt the running call (worker sessions); undefined for same-thread sessions. */
  interrupt?: (graceMs?: number) => Promise<InterruptOutcome>;
  /** The deploy or call in progress through the API, if any (settles when it ends). */
  running?: Promise<unknown>;
  /** Being re-created (terminateSession): its calls are being run again. */
  replacing?: boolean;
  /** Times it was re-created: its journal was replaced by a new thread's (SessionInfo.recreations). */
  recreations?: number;
  /** Last known state, answered while a call runs (the worker cannot answer then). */
  info?: SessionInfo;
}

export class WorkspaceState {
  readonly sessions = new Map<string, SessionEntry>();
  readonly scripts = new Map<string, { runner: ScriptRunner; baseDir: string }>();
  /** Commit summaries are immutable: computed once per root. */
  readonly commitNodes = new Map<Root, CommitNode>();
  /** Gas profiles computed on this store's sessions, by id (profileDiff, exportProfile). */
  readonly profiles = new ProfileKeeper();
  nextSession = 1;
  nextScript = 1;

  constructor(
    readonly vm: Vm,
    readonly path: string,
  ) {}

  async close(): Promise<void> {
    for (const { runner } of this.scripts.values()) await runner.finish().catch(() => undefined);
    await Promise.all(
      [...this.sessions.values()].map((s) => s.handle.close().catch(() => undefined)),
    );
    this.sessions.clear();
    await this.vm.close();
  }
}
