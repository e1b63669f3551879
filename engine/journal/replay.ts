/**
 * Memory as it was at any point of a journal: the page after the last step up to the point that
 * changed it, else the page in the session's base. A point is (call, step); step -1 is the state
 * before the call. Page versions come from a PageSource (the session's spill, or the store).
 */
import { PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import type { PageSource } from './page-spill';
import {
  isInlineDelta,
  type ByteChange,
  type Journal,
  type JournalStep,
  type PageDelta,
} from './types';

export interface JournalPoint {
  call: number;
  /** Index of the last step applied; -1 for "before the call". */
  step: number;
}

function* stepsUpTo(journal: Journal, point: JournalPoint): Generator<JournalStep> {
  for (const call of journal.calls) {
    if (call.index > point.call) return;
    for (const [i, step] of call.steps.entries()) {
      if (call.index === point.call && i > point.step) return;
      yield step;
    }
  }
}

/** The last change to `page` of `contract` up to `point`, if any. */
export function lastChange(
  journal: Journal,
  point: JournalPoint,
  contract: ContractId,
  page: number,
): PageDelta | undefined {
  let last: PageDelta | undefined;
  for (const step of stepsUpTo(journal, point)) {
    for (const delta of step.deltas) {
      if (delta.contract === contract && delta.page === page) last = delta;
    }
  }
  return last;
}

/** A page version a journal refers to; missing means the store lost it (said with the hash). */
export function pageVersion(source: PageSource, hash: string): Uint8Array {
  const bytes = source.page(hash);
  if (bytes === undefined) {
    throw new PiecrustError('PersistenceError', `journal page ${hash} is missing`, { hash });
  }
  return bytes;
}

/**
 * Whether a whole version of `page` of `contract` is recorded up to `point`: then the page there
 * needs no call before that version's (a piece of a journal back to it answers pageAt).
 */
export function hasPageVersion(
  journal: Journal,
  point: JournalPoint,
  contract: ContractId,
  page: number,
): boolean {
  for (const step of stepsUpTo(journal, point)) {
    for (const delta of step.deltas) {
      if (delta.contract === contract && delta.page === page && !isInlineDelta(delta)) return true;
    }
  }
  return false;
}

/** The bytes of `page` of `contract` at `point`, given its bytes at the journal's base. */
export function pageAt(
  journal: Journal,
  point: JournalPoint,
  contract: ContractId,
  page: number,
  basePage: Uint8Array,
  source: PageSource,
): Uint8Array {
  // A page reference holds the whole page: only the last one counts, and the inline changes of
  // older journals after it.
  let last: string | undefined;
  const inline: ByteChange[][] = [];
  for (const step of stepsUpTo(journal, point)) {
    for (const delta of step.deltas) {
      if (delta.contract !== contract || delta.page !== page) continue;
      if (isInlineDelta(delta)) inline.push(delta.changes);
      else {
        last = delta.after;
        inline.length = 0;
      }
    }
  }
  const out = last === undefined ? basePage.slice() : pageVersion(source, last).slice();
  for (const changes of inline) for (const c of changes) out.set(c.after, c.offset);
  return out;
}

/** The bytes a delta changed, before and after, range by range. */
export function deltaChanges(delta: PageDelta, source: PageSource): ByteChange[] {
  if (isInlineDelta(delta)) return delta.changes;
  const before = pageVersion(source, delta.before);
  const after = pageVersion(source, delta.after);
  return delta.ranges.map((r) => ({
    offset: r.start,
    before: before.slice(r.start, r.end),
    after: after.slice(r.start, r.end),
  }));
}

/** Every page version a journal refers to (to keep them with its commit). */
export function journalPageRefs(journal: Journal): Set<string> {
  const refs = new Set<string>();
  for (const call of journal.calls) {
    for (const step of call.steps) {
      for (const delta of [...step.deltas, ...(step.reverted ?? [])]) {
        if (isInlineDelta(delta)) continue;
        refs.add(delta.before);
        refs.add(delta.after);
      }
    }
  }
  return refs;
}

/** Every (contract, page) any step of the journal changed. */
export function pagesTouched(journal: Journal): Array<{ contract: ContractId; page: number }> {
  const seen = new Map<string, { contract: ContractId; page: number }>();
  for (const call of journal.calls) {
    for (const step of call.steps) {
      for (const d of step.deltas)
        seen.set(`${d.contract}:${d.page}`, { contract: d.contract, page: d.page });
    }
  }
  return [...seen.values()];
}

/** The steps that wrote `page` of `contract` (to link a changed page to the steps that wrote it). */
export function stepsWriting(journal: Journal, contract: ContractId, page: number): JournalPoint[] {
  const out: JournalPoint[] = [];
  for (const call of journal.calls) {
    call.steps.forEach((step, i) => {
      if (step.deltas.some((d) => d.contract === contract && d.page === page))
        out.push({ call: call.index, step: i });
    });
  }
  return out;
}
