/**
 * A state's journal: its calls and steps, a step's page changes with their bytes, a page as of
 * a step, and the steps that wrote a page.
 */
import { PiecrustError } from '../core/errors';
import { toContractId, type ContractId } from '../core/ids';
import { PAGE_SIZE as PAGE } from '../core/abi';
import type { PageSource } from '../journal/page-spill';
import {
  deltaChanges,
  hasPageVersion,
  lastChange,
  pageAt,
  pageVersion,
  stepsWriting,
} from '../journal/replay';
import { isInlineDelta, type Journal, type PageDelta } from '../journal/types';
import type { StateView } from '../vm/state-view';
import { stateOf } from './state-of';
import { changedRowsSpan, chosenPages } from './step-rows';
import type {
  JournalCallView,
  JournalQuery,
  JournalSource,
  StepDetail,
  StepPageRows,
  StepPoint,
  StepRowsQuery,
} from './types';
import { deltaView, hex, journalCallView, journalView, stepView } from './views';
import type { WorkspaceState } from './workspace-state';

/**
 * A state's journal, or its calls from `from` up to `to` (exclusive; a piece: a session's thread
 * sends only those); a commit made without one cannot answer journal questions.
 */
async function journalOf(
  view: StateView,
  source: JournalSource,
  from = 0,
  to?: number,
): Promise<Journal> {
  const journal = await view.journal(from, to);
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

/**
 * The journal's calls from index `from` up to `to` (only those cross from a session's thread),
 * without their steps when `steps` is false.
 */
export async function journalCalls(
  ws: WorkspaceState,
  query: JournalQuery,
): Promise<JournalCallView[]> {
  const { from = 0, to, steps = true } = query;
  if (to !== undefined && to < from) {
    throw new PiecrustError(
      'InvalidInput',
      `journal piece ends before it starts: to ${to} < from ${from}`,
      { from, to },
    );
  }
  const journal = await journalOf(stateOf(ws, query), query, from, to);
  if (steps) return journalView(journal);
  // The call list: each call's steps counted, not sent.
  return journal.calls.map((call) => ({
    ...journalCallView({ ...call, steps: [] }, journal.gasTable),
    stepCount: call.steps.length,
  }));
}

export async function stepDetail(
  ws: WorkspaceState,
  source: JournalSource,
  call: number,
  step: number,
  rows?: StepRowsQuery,
): Promise<StepDetail> {
  const view = stateOf(ws, source);
  // Only the call asked for is read (a long session's thread sends one call, not its journal).
  const piece = await journalOf(view, source, call, call + 1);
  const s = piece.calls[0]?.steps[step];
  if (s === undefined) {
    const calls = piece.calls[0];
    throw new PiecrustError(
      'InvalidInput',
      calls === undefined
        ? `no call ${call} in the journal`
        : `no step ${step} in call ${call} (${calls.steps.length} steps)`,
      { call, step },
    );
  }
  const reverted = s.reverted ?? [];
  const pages = await view.journalPages(deltaRefs([...s.deltas, ...reverted]));
  const detail: StepDetail = {
    step: stepView(s, step),
    deltas: s.deltas.map((d) => deltaView(d, pages)),
    reverted: reverted.map((d) => deltaView(d, pages)),
  };
  if (rows === undefined) return detail;
  return { ...detail, rows: await stepRows(ws, source, piece, { call, step }, pages, rows) };
}

/**
 * The rows of the step's changed pages that `query` asks for. A page the step wrote as a whole
 * version is that version, already read for the detail: no other read. Changes recorded inline
 * (older journals) need the page rebuilt (pageAtStep); a page that cannot be read is left out.
 */
async function stepRows(
  ws: WorkspaceState,
  source: JournalSource,
  piece: Journal,
  point: StepPoint,
  pages: PageSource,
  query: StepRowsQuery,
): Promise<StepPageRows[]> {
  const deltas = chosenPages(piece.calls[0].steps[point.step].deltas, query);
  const out = await Promise.all(
    deltas.map(async (d): Promise<StepPageRows | undefined> => {
      const span = changedRowsSpan(deltaChanges(d, pages), query, PAGE);
      const last = lastChange(piece, point, d.contract, d.page);
      try {
        const bytes =
          last !== undefined && !isInlineDelta(last)
            ? pageVersion(pages, last.after)
            : await pageAtStep(ws, source, point, d.contract, d.page);
        const after = bytes.subarray(span.offset, span.offset + span.length);
        return { contract: d.contract, page: d.page, offset: span.offset, after: hex(after) };
      } catch {
        return undefined; // the client asks pageAtStep for it, which names the cause
      }
    }),
  );
  return out.filter((r) => r !== undefined);
}

/**
 * Calls read first when looking back from a point for a page's last version (then doubled): the
 * point's own call, where the Steps view's question (a page the step changed) finds it.
 */
const FIRST_LOOK_BACK = 1;

/**
 * The journal's calls from the last one that recorded a whole version of the page up to the
 * point (from the start when none did): read backwards in growing pieces, so a page written
 * near the point costs a few calls, not the long session's whole history.
 */
async function journalBackToPage(
  view: StateView,
  source: JournalSource,
  point: StepPoint,
  contract: ContractId,
  page: number,
): Promise<Journal> {
  let to = point.call + 1;
  let size = FIRST_LOOK_BACK;
  let calls: Journal['calls'] = [];
  for (;;) {
    const from = Math.max(0, to - size);
    const piece = await journalOf(view, source, from, to);
    calls = [...piece.calls, ...calls];
    const back = { ...piece, calls };
    if (from === 0 || hasPageVersion(piece, point, contract, page)) return back;
    to = from;
    size *= 2;
  }
}

export async function pageAtStep(
  ws: WorkspaceState,
  source: JournalSource,
  point: StepPoint,
  contractHex: string,
  page: number,
): Promise<Uint8Array> {
  const view = stateOf(ws, source);
  const contract = toContractId(contractHex);
  const journal = await journalBackToPage(view, source, point, contract, page);
  // Only the page's last version up to the point is read.
  const last = lastChange(journal, point, contract, page);
  let base = new Uint8Array(PAGE);
  // A whole version recorded up to the point replaces the base page: it is not read then.
  if (journal.base !== null && !hasPageVersion(journal, point, contract, page)) {
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
  const pages = await view.journalPages(last === undefined ? [] : deltaRefs([last]));
  return pageAt(journal, point, contract, page, base, pages);
}

/**
 * `length` bytes of a page from `offset` (both within the page; the whole page without them):
 * a client showing a step's changed rows asks for those, not for 64 KiB.
 */
export function pageRange(bytes: Uint8Array, offset?: number, length?: number): Uint8Array {
  if (offset === undefined && length === undefined) return bytes;
  const from = offset ?? 0;
  const size = length ?? bytes.length - from;
  if (from + size > bytes.length) {
    throw new PiecrustError(
      'InvalidInput',
      `page range of ${size} bytes at ${from} is past the page's ${bytes.length} bytes`,
      { offset: from, length: size, pageSize: bytes.length },
    );
  }
  return bytes.subarray(from, from + size);
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
