/**
 * Events the service pushes to its clients. Part of the InspectorApi's data, re-exported by
 * engine/api/types.ts.
 */
import type { ContractIdHex, RootHex } from './values';
import type { WorkspaceInfo } from './workspace';
import type { SessionInfo } from './sessions';
import type { CommitNode } from './commits';
import type { ContractDriverInfo } from './calls';

export interface ApiEvents {
  commitCreated: CommitNode;
  commitsChanged: { reason: 'deleted' | 'finalized'; root: RootHex };
  /** A contract was named or renamed, or a driver attached to it: its name and driver now. */
  contractChanged: { contract: ContractIdHex; name?: string; driver?: ContractDriverInfo };
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
