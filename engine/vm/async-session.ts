/**
 * A session as the service and the script runner use it: the session operations
 * (session-protocol.ts), asynchronous, whether it runs on this thread (`localSession`) or on a
 * worker thread (`WorkerSession`, which has the same shape).
 */
import { PiecrustError } from '../core/errors';
import type { Root } from '../core/ids';
import type { Outcome } from './call-outcome';
import type { Session } from './session';
import { operationsVia, runInvocation, type SessionOperations } from './session-protocol';
import { sessionOperations } from './session-operations';

export interface AsyncSession extends SessionOperations {
  readonly base: Root | null;
  readonly isClosed: boolean;
  /** Discard the session's changes (and end its thread, if it has one). */
  close(): Promise<void>;
}

/** Wrap a same-thread Session (its calls block this thread while they run). */
export function localSession(session: Session): AsyncSession {
  const runner = sessionOperations(session);
  const operations = operationsVia(async (invocation) => runInvocation(runner, invocation));
  return {
    ...operations,
    base: session.base,
    get isClosed() {
      return session.isClosed;
    },
    close: async () => session.close(),
  };
}

/** A deploy's or call's result, or its error thrown (for callers that stop at the first failure). */
export function resultOf<R>(outcome: Outcome<R>): R {
  if (outcome.error !== undefined) throw PiecrustError.fromData(outcome.error);
  return outcome.result as R;
}
