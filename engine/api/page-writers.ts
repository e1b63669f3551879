/**
 * Who wrote a page, as one side of a diff has it. A commit's journal holds only the calls made
 * since its parent, so the steps that explain a page on the viewed side are spread over the
 * lineage from that side back to the commit both sides share: walk the parents from the viewed
 * side (a session: its own journal, then from its base) until a commit that is also an ancestor
 * of the other side (or genesis), and search each journal on the way. The other side's own
 * changes are not on that path; they are the other side's writers.
 */
import { toContractId, type ContractId, type Root } from '../core/ids';
import type { Journal } from '../journal/types';
import { commitLabels } from '../store/commit-store';
import type { StateLineage } from '../vm/state-view';
import { stateOf } from './state-of';
import type {
  JournalSource,
  PageWriterJournal,
  PageWriterStep,
  PageWriters,
  StateRef,
} from './types';
import type { WorkspaceState } from './workspace-state';

/** A side of a diff as a lineage: a session's own journal (if any), then commits from `commit`. */
async function tipOf(ws: WorkspaceState, ref: StateRef): Promise<StateLineage> {
  return stateOf(ws, ref).lineage();
}

/** The commits from `root` back to genesis (as far as the store still has them). */
function ancestry(ws: WorkspaceState, root: Root | null): Set<Root> {
  const seen = new Set<Root>();
  for (let r = root; r !== null && !seen.has(r);) {
    seen.add(r);
    r = ws.vm.store.getCommit(r)?.parent ?? null;
  }
  return seen;
}

function writersIn(journal: Journal, contract: ContractId, page: number): PageWriterStep[] {
  const out: PageWriterStep[] = [];
  for (const call of journal.calls) {
    call.steps.forEach((step, i) => {
      if (!step.deltas.some((d) => d.contract === contract && d.page === page)) return;
      out.push({
        point: { call: call.index, step: i },
        callKind: call.kind,
        callFn: call.fn,
        stepKind: step.kind,
        stepFn: step.fn,
        contract: step.contract,
      });
    });
  }
  return out;
}

export async function pageWriters(
  ws: WorkspaceState,
  req: { from: StateRef; to: StateRef; side: 'from' | 'to'; contract: string; page: number },
): Promise<PageWriters> {
  const contract = toContractId(req.contract);
  const [viewed, other] = await Promise.all([
    tipOf(ws, req.side === 'to' ? req.to : req.from),
    tipOf(ws, req.side === 'to' ? req.from : req.to),
  ]);
  const shared = ancestry(ws, other.commit);
  const journals: PageWriterJournal[] = [];
  const found = (source: JournalSource, name: string, journal: Journal): void => {
    const steps = writersIn(journal, contract, req.page);
    if (steps.length > 0) journals.push({ source, name, steps });
  };
  const own = viewed.uncommitted;
  if (own !== undefined) found({ session: own.session }, own.name, own.journal);

  let root = viewed.commit;
  const visited = new Set<Root>();
  while (root !== null && !shared.has(root) && !visited.has(root)) {
    visited.add(root);
    const commit = ws.vm.store.getCommit(root);
    if (commit === undefined)
      return { side: req.side, journals, ancestor: null, gap: { root, reason: 'deleted' } };
    const journal = ws.vm.journal(root);
    if (journal === undefined)
      return { side: req.side, journals, ancestor: null, gap: { root, reason: 'no journal' } };
    // Named by every label of its state (the same state committed twice keeps both).
    found({ commit: root }, commitLabels(commit).join(', '), journal);
    root = commit.parent;
  }
  return { side: req.side, journals, ancestor: root };
}
