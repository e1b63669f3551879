/**
 * Re-profiling a call a journal recorded: a new session on the journal's base and gas table runs
 * the journal's deploys and calls before it again (the VM is deterministic: the same requests on
 * the same state give the same state, as session-recreate's replay relies on), then profiles the
 * call itself on the state it started from, and says whether it spent the gas it recorded. Each
 * entry runs with the session metadata it recorded (journals of format 4 on); what a journal does
 * not record (hidden host queries; meta in older journals) comes from the caller's options.
 */
import { PiecrustError } from '../core/errors';
import type { Journal, JournalCall } from '../journal/types';
import type { Session } from '../vm/session';
import type { ContractState, StateView } from '../vm/state-view';
import type { SessionOptions } from '../vm/types';
import type { Vm } from '../vm/vm';
import { profileCall } from './profile-call';
import type { ProfileNaming } from './profiler';
import type { CallProfile } from './profile-tree';

export interface RecordedCallProfile extends CallProfile {
  /** The call's index in the journal. */
  journalIndex: number;
  /** What the journal recorded it spent (undefined: a failed call of an older journal). */
  recordedGas: bigint | undefined;
  /** The re-run spent exactly `recordedGas`. */
  matched: boolean;
}

export interface RecordedCallSource {
  /** The bytecode a deploy of the journal deployed (its entry has the code hash and the id). */
  bytecodeOf(deploy: JournalCall): Uint8Array | undefined;
  /**
   * What else the session ran with: its hidden host queries, which the journal does not say, and
   * its meta for entries recorded before journals kept it.
   */
  session?: Omit<SessionOptions, 'base' | 'gasTable' | 'journal'>;
}

/**
 * The bytecode of a journal's deploys, from a state at or after the journal's end (the commit or
 * session that recorded it): a contract, once deployed, stays, and its id names its entry.
 */
export async function deployedBytecode(
  view: StateView,
): Promise<(deploy: JournalCall) => Uint8Array | undefined> {
  const contracts = new Map<string, ContractState>();
  for (const c of await view.contracts()) contracts.set(c.id, c);
  return (deploy) => contracts.get(deploy.contract)?.module().bytecode;
}

export function profileRecordedCall(
  vm: Vm,
  journal: Journal,
  index: number,
  source: RecordedCallSource,
  naming: ProfileNaming = {},
): RecordedCallProfile {
  const calls = journal.calls.filter((c) => c.index <= index);
  const target = calls.at(-1);
  if (target === undefined || target.index !== index || target.kind !== 'call') {
    throw new PiecrustError(
      'InvalidInput',
      `journal entry ${index} is not a recorded call (the journal holds ${journal.calls.length} entries${target?.index === index ? `; entry ${index} is a deploy` : ''})`,
      { index, entries: journal.calls.length },
    );
  }
  if (calls.length !== index + 1 || calls.some((c, i) => c.index !== i)) {
    throw new PiecrustError(
      'InvalidInput',
      `re-profiling entry ${index} needs every entry before it; the journal given starts at entry ${journal.calls[0]?.index ?? 0}`,
      { index, first: journal.calls[0]?.index ?? 0 },
    );
  }
  const session = vm.session({ ...source.session, base: journal.base, gasTable: journal.gasTable });
  try {
    for (const earlier of calls.slice(0, -1)) rerun(session, earlier, source);
    useRecordedMeta(session, target);
    const { profile } = profileCall(
      session,
      target.contract,
      target.fn,
      target.arg,
      target.gasLimit,
      naming,
    );
    return {
      ...profile,
      journalIndex: index,
      recordedGas: target.gasSpent,
      matched: target.gasSpent === profile.gasSpent,
    };
  } finally {
    session.close();
  }
}

/** Run a recorded deploy or call again; one that failed fails again, as it did. */
function rerun(session: Session, entry: JournalCall, source: RecordedCallSource): void {
  useRecordedMeta(session, entry);
  const run = entry.kind === 'call' ? () => call(session, entry) : deploy(session, entry, source);
  try {
    run();
  } catch (e) {
    if (entry.error !== undefined) return;
    throw new PiecrustError(
      'InvalidInput',
      `re-running journal entry ${entry.index} (${entry.kind} of ${entry.contract}) failed where it had succeeded: ${(e as Error).message}`,
      { index: entry.index, contract: entry.contract },
    );
  }
}

/** The session's meta set to what the entry recorded, when it did. */
function useRecordedMeta(session: Session, entry: JournalCall): void {
  if (entry.meta === undefined) return;
  const recorded = new Set(entry.meta.map(([name]) => name));
  for (const name of session.metaNames()) if (!recorded.has(name)) session.removeMeta(name);
  for (const [name, value] of entry.meta) session.setMeta(name, value);
}

function call(session: Session, entry: JournalCall): void {
  session.callRaw(entry.contract, entry.fn, entry.arg, entry.gasLimit);
}

function deploy(session: Session, entry: JournalCall, source: RecordedCallSource): () => void {
  const bytecode = source.bytecodeOf(entry);
  const owner = entry.owner;
  if (bytecode === undefined || owner === undefined) {
    const missing =
      bytecode === undefined
        ? `its bytecode (code hash ${entry.codeHash ?? 'not recorded'}) is not available`
        : 'its owner was not recorded';
    throw new PiecrustError(
      'InvalidInput',
      `cannot re-run deploy ${entry.index} of contract ${entry.contract}: ${missing}`,
      { index: entry.index, contract: entry.contract },
    );
  }
  const contractId = entry.explicitId === true ? entry.contract : undefined;
  return () => session.deploy(bytecode, { owner, contractId, initArg: entry.arg }, entry.gasLimit);
}
