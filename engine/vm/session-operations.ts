/**
 * The session operations (session-protocol.ts) run on a Session, on the thread that holds it:
 * what `localSession` wraps and what a session worker dispatches its messages to.
 */
import { outcomeOf, summaryOf } from './call-outcome';
import { profiledCallOutcome } from '../profile/profile-call';
import type { Session } from './session';
import type { OperationRunner } from './session-protocol';

export function sessionOperations(session: Session): OperationRunner {
  return {
    deploy: (bytecode, options, gasLimit) =>
      outcomeOf(session, () => session.deploy(bytecode, options, gasLimit)),
    call: (contract, fn, arg, gasLimit) =>
      outcomeOf(session, () => session.callRaw(contract, fn, arg, gasLimit)),
    profileCall: (contract, fn, arg, gasLimit) =>
      profiledCallOutcome(session, contract, fn, arg, gasLimit),
    summary: () => summaryOf(session),
    memoryLen: (id) => session.memoryLen(id),
    memoryPages: (id) => session.memoryPages(id),
    contractMetadata: (id) => session.contractMetadata(id),
    diffBase: () => session.diffBase(),
    pageBytes: (id, page) => session.pageBytes(id, page),
    journal: (from, to) => session.journal(from, to),
    journalPages: (hashes) => session.journalPages(hashes),
    bytecodeOf: (id) => session.bytecodeOf(id),
    contractIds: () => session.contractIds(),
    writtenPages: (id) => session.writtenPages(id),
    commit: (label) => session.commit(label),
  };
}
