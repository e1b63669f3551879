/**
 * A state's journal: its calls and steps, a step's page changes with their bytes, a page as of
 * a step, and the steps that wrote a page.
 */
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { PAGE_SIZE as PAGE } from '../core/abi';
import { lastChange, pageAt, stepsWriting } from '../journal/replay';
import { isInlineDelta, type Journal, type PageDelta } from '../journal/types';
import type { StateView } from '../vm/state-view';
import { stateOf } from './state-of';
import type { JournalSource, StepDetail, StepPoint } from './types';
import { deltaView, journalView, stepView } from './views';
import type { WorkspaceState } from './workspace-state';

/** A state's journal; a commit made without one cannot answer journal questions. */
async function journalOf(view: StateView, source: JournalSource, from = 0): Promise<Journal> {
  const journal = await view.journal(from);
  if (journal === undefined) {
    // Only a commit lacks one (a session that records nothing has an empty journal).
    const { commit } = source as { commit: string };
    throw new PiecrustError('InvalidInput', `commit ${commit} has no recorded journal`, { commit });
  }
  return journal;
}

/** The page versions a step's changes refer to. */
function deltaRefs(deltas: readonly PageDelta[]): string[] {
  return deltas.flatMap((d) => (isInlineDelta(d) ? [] : [d.before, d.after]));
}

/** The journal's calls from index `from` on (only those cross from a session's thread). */
export async function journalCalls(ws: WorkspaceState, source: JournalSource, from = 0) {
  return journalView(await journalOf(stateOf(ws, source), source, from));
}

export async function stepDetail(
  ws: WorkspaceState,
  source: JournalSource,
  call: number,
  step: number,
): Promise<StepDetail> {
  const view = stateOf(ws, source);
  const journal = await journalOf(view, source);
  const s = journal.calls[call]?.steps[step];
  if (s === undefined) {
    throw new PiecrustError(
      'InvalidInput',
      `no step ${step} in call ${call} (${journal.calls.length} calls)`,
      { call, step },
    );
  }
  const reverted = s.reverted ?? [];
  const pages = await view.journalPages(deltaRefs([...s.deltas, ...reverted]));
  return {
    step: stepView(s, step),
    deltas: s.deltas.map((d) => deltaView(d, pages)),
    reverted: reverted.map((d) => deltaView(d, pages)),
  };
}

export async function pageAtStep(
  ws: WorkspaceState,
  source: JournalSource,
  point: StepPoint,
  contractHex: string,
  page: number,
): Promise<Uint8Array> {
  const view = stateOf(ws, source);
  const journal = await journalOf(view, source);
  const contract = toContractId(contractHex);
  let base = new Uint8Array(PAGE);
  if (journal.base !== null) {
    try {
      base = new Uint8Array(await ws.vm.at(journal.base).pageBytes(contract, page));
    } catch (e) {
      // The contract is younger than the journal's base, or the page lies past its memory.
      if (
        !(e instanceof PiecrustError) ||
        (e.code !== 'ContractDoesNotExist' && e.code !== 'InvalidInput')
      )
        throw e;
    }
  }
  // Only the page's last version up to the point is read.
  const last = lastChange(journal, point, contract, page);
  const pages = await view.journalPages(last === undefined ? [] : deltaRefs([last]));
  return pageAt(journal, point, contract, page, base, pages);
}

export async function stepsWritingPage(
  ws: WorkspaceState,
  source: JournalSource,
  contractHex: string,
  page: number,
): Promise<StepPoint[]> {
  return stepsWriting(
    await journalOf(stateOf(ws, source), source),
    toContractId(contractHex),
    page,
  );
}
