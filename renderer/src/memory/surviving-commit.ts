/**
 * When a commit a view reads is deleted: the nearest of its ancestors that is still there (by the
 * graph as it was before the delete), and the words that say what happened and what is shown
 * instead. A view never keeps showing a state that no longer exists.
 */
import { labelsText, type Labelled } from '../common/lib/commit-labels';

export interface CommitLink extends Labelled {
  root: string;
  parent: string | null;
}

/**
 * The closest ancestor of `root` that `now` still has, walking parents through `before` (the
 * graph that still had them); null when none survives.
 */
export function survivingAncestor(
  root: string,
  before: ReadonlyMap<string, { parent: string | null }>,
  now: { has(root: string): boolean },
): string | null {
  const seen = new Set<string>([root]);
  let parent = before.get(root)?.parent ?? null;
  while (parent !== null && !seen.has(parent)) {
    if (now.has(parent)) return parent;
    seen.add(parent);
    parent = before.get(parent)?.parent ?? null;
  }
  return null;
}

/** A commit as the graph names it: its root's first 8 hex digits, then its labels if any. */
export function commitName(commit: { root: string } & Labelled): string {
  const short = commit.root.replace(/^0x/i, '').slice(0, 8);
  const labels = labelsText(commit);
  return labels === '' ? short : `${short} “${labels}”`;
}

/** What the view moved to after the delete. */
export type AfterDelete =
  | { kind: 'commit'; commit: CommitLink; parent: boolean }
  | { kind: 'live'; session: string }
  | { kind: 'nothing' };

export function deletedCommitText(
  deleted: { root: string } & Labelled,
  after: AfterDelete,
): string {
  const head = `commit ${commitName(deleted)} was deleted`;
  switch (after.kind) {
    case 'commit':
      return after.parent
        ? `${head}; showing its parent ${commitName(after.commit)}.`
        : `${head} and its parent is gone too; showing its nearest surviving ancestor ${commitName(after.commit)}.`;
    case 'live':
      return `${head} and none of its ancestors survives; showing the live session “${after.session}”.`;
    case 'nothing':
      return `${head} and none of its ancestors survives: no memory to show.`;
  }
}
