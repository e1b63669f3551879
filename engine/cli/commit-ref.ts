/** Naming a commit on the command line: its root (with or without 0x), a unique prefix, or a label. */
import { PiecrustError } from '../core/errors';
import type { Root } from '../core/ids';
import { commitLabels, type CommitRecord } from '../store/commit-store';

export function resolveCommit(commits: CommitRecord[], ref: string): CommitRecord {
  const text = ref.replace(/^0x/i, '').toLowerCase();
  const byRoot = /^[0-9a-f]{4,64}$/.test(text)
    ? commits.filter((c) => c.root.startsWith(text))
    : [];
  if (byRoot.length === 1) return byRoot[0];
  if (byRoot.length > 1) {
    throw new PiecrustError(
      'InvalidInput',
      `commit prefix ${ref} is ambiguous (${byRoot.length} commits)`,
      { ref },
    );
  }
  const byLabel = commits.filter((c) => commitLabels(c).includes(ref));
  if (byLabel.length === 1) return byLabel[0];
  if (byLabel.length > 1) {
    throw new PiecrustError(
      'InvalidInput',
      `label "${ref}" names ${byLabel.length} commits; use a root prefix`,
      { ref },
    );
  }
  throw new PiecrustError(
    'InvalidInput',
    `no commit ${ref} (give a root, a unique prefix or a label)`,
    { ref },
  );
}

export function short(root: Root | string | null): string {
  return root === null ? 'genesis' : root.slice(0, 12);
}
