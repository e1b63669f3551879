/**
 * Memory as it was at any point of a journal: start from the page in the session's base and apply
 * the deltas of every step up to the point, in order. A point is (call, step); step -1 is the
 * state before the call.
 */
import type { ContractId } from '../core/ids';
import type { Journal, JournalStep } from './types';

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

/** The bytes of `page` of `contract` at `point`, given its bytes at the journal's base. */
export function pageAt(
  journal: Journal,
  point: JournalPoint,
  contract: ContractId,
  page: number,
  basePage: Uint8Array,
): Uint8Array {
  const out = basePage.slice();
  for (const step of stepsUpTo(journal, point)) {
    for (const delta of step.deltas) {
      if (delta.contract !== contract || delta.page !== page) continue;
      for (const change of delta.changes) out.set(change.after, change.offset);
    }
  }
  return out;
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
