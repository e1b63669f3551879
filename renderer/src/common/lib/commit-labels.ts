/**
 * A commit's labels as every place that names a commit shows them (pickers, tabs, the command
 * palette, notices). Committing identical state again under another label adds that label to the
 * same commit (CommitNode.labels), so a commit is named by all of them, not by its first alone.
 */

export interface Labelled {
  /** The label of the commit that first wrote the state. */
  label?: string;
  /** Every label, oldest first (absent in data that predates it). */
  labels?: readonly string[];
}

/** Every non-empty label, oldest first, each once; `label` alone when `labels` is absent. */
export function labelsOf(commit: Labelled): string[] {
  const all = commit.labels ?? (commit.label === undefined ? [] : [commit.label]);
  return [...new Set(all.filter((l) => l !== ''))];
}

/** "left, right"; "" for a commit without a label. */
export function labelsText(commit: Labelled): string {
  return labelsOf(commit).join(', ');
}
