/**
 * The one place a request's state is told apart: a StateRef or JournalSource names a session
 * (which must be idle to answer) or a commit (genesis included); either way the queries get a
 * StateView and read it the same.
 */
import { toRoot } from '../core/ids';
import { sessionStateView } from '../vm/session-state-view';
import type { StateView } from '../vm/state-view';
import { idleSession } from './session-lookup';
import type { JournalSource, StateRef } from './types';
import type { WorkspaceState } from './workspace-state';

export function stateOf(ws: WorkspaceState, ref: StateRef | JournalSource): StateView {
  if (!('session' in ref)) return ws.vm.at(toRoot(ref.commit));
  const entry = idleSession(ws, ref.session);
  return sessionStateView(entry.handle, {
    id: entry.id,
    name: entry.name,
    loadModule: (bytecode) => ws.vm.loadModule(bytecode),
  });
}
