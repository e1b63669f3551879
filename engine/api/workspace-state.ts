/**
 * The workspace the service works on: a VM over a store file (or memory), the sessions opened in
 * it and the scripts loaded. Replaced as a whole when another store is opened.
 */
import type { GasTableName } from '../core/gas-tables';
import type { Root } from '../core/ids';
import type { ScriptRunner } from '../script/script-runner';
import type { Vm } from '../vm/vm';
import type { AsyncSession } from './session-handle';
import type { InterruptOutcome } from '../threads/worker-session';
import type { CommitNode, SessionInfo } from './types';

export interface SessionEntry {
  id: string;
  name: string;
  handle: AsyncSession;
  /** The table the session meters with, as resolved when it was opened. */
  gasTable: GasTableName;
  busy: boolean;
  /** Interrupt the running call (worker sessions); undefined for same-thread sessions. */
  interrupt?: () => Promise<InterruptOutcome>;
  /** Last known state, answered while a call runs (the worker cannot answer then). */
  info?: SessionInfo;
}

export class WorkspaceState {
  readonly sessions = new Map<string, SessionEntry>();
  readonly scripts = new Map<string, { runner: ScriptRunner; baseDir: string }>();
  /** Commit summaries are immutable: computed once per root. */
  readonly commitNodes = new Map<Root, CommitNode>();
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
