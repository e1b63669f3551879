/** The open sessions of the workspace, by the id the API names them with. */
import { PiecrustError } from '../core/errors';
import type { SessionEntry, WorkspaceState } from './workspace-state';

export function sessionEntry(ws: WorkspaceState, id: string): SessionEntry {
  const entry = ws.sessions.get(id);
  if (entry === undefined)
    throw new PiecrustError('InvalidInput', `no open session "${id}"`, { session: id });
  return entry;
}

/** A session that can answer now (a worker running a call answers nothing until it ends). */
export function idleSession(ws: WorkspaceState, id: string): SessionEntry {
  const entry = sessionEntry(ws, id);
  if (entry.busy) {
    throw new PiecrustError(
      'SessionError',
      `session ${entry.name} is running a call: wait for it or interrupt it`,
      { session: id },
    );
  }
  return entry;
}
