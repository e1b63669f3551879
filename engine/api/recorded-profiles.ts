/**
 * Profiling a call a journal recorded (profileJournalCall): the journal of a session or a commit,
 * its deploys' bytecode from the state it ended in (a contract, once deployed, stays), each entry's
 * session meta as the journal recorded it, and the session's own options where the journal is a
 * live session's (its hidden host queries, which the journal does not record, and its meta for
 * journals recorded before meta was; a commit's re-run goes without, and `matched` says when that
 * changed the gas). engine/profile/recorded-call.ts does the re-run.
 *
 * It runs on the service's thread, as long as the calls before it took to run: fine for the
 * journals people step through, a wait for one of thousands of calls.
 */
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { deployedBytecode, profileRecordedCall } from '../profile/recorded-call';
import type { KeptProfile } from './profile-keeper';
import { profileLabel, withContractNames } from './service-profiles';
import { sessionEntry } from './session-lookup';
import { stateOf } from './state-of';
import type { JournalSource } from './types';
import type { WorkspaceState } from './workspace-state';

export async function profileJournalCall(
  ws: WorkspaceState,
  source: JournalSource,
  call: number,
): Promise<KeptProfile> {
  const view = stateOf(ws, source);
  const journal = await view.journal();
  if (journal === undefined) {
    const { commit } = source as { commit: string };
    throw new PiecrustError('InvalidInput', `commit ${commit} has no recorded journal`, { commit });
  }
  // What the journal does not record (hidden host queries, call timeout; meta before format 4) as
  // the session was opened.
  const {
    base: _b,
    gasTable: _g,
    journal: _j,
    name: _n,
    ...options
  } = 'session' in source ? sessionEntry(ws, source.session).options : {};
  const profile = profileRecordedCall(ws.vm, journal, call, {
    bytecodeOf: await deployedBytecode(view),
    session: options,
  });
  const target = journal.calls[call];
  const contract = toContractId(target.contract);
  const where =
    'session' in source
      ? `session ${sessionEntry(ws, source.session).name}`
      : `commit ${source.commit.slice(0, 8)}`;
  return ws.profiles.keep({
    label: `${profileLabel(ws.vm, contract, target.fn)} (call #${call} of ${where})`,
    profile: withContractNames(profile, ws.vm),
    recordedGas: profile.recordedGas,
    matched: profile.matched,
    journalCall: { source, call },
  });
}
