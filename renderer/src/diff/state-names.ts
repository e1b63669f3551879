/**
 * The names the Diff view gives states and journals, the way the rest of the app shows them: a
 * session by its name, a commit by its short root and label, genesis as the empty state — never
 * an internal id such as a session's `s33`.
 */
import type { JournalSource } from '../../../engine/api/types';
import { shortRoot } from '../graph/format';

/** The all-zero root: genesis, the empty state before any commit. */
export const GENESIS_ROOT = '0'.repeat(64);

export function isGenesis(root: string): boolean {
  return root.replace(/^0x/i, '') === GENESIS_ROOT;
}

/** `ab12cd34 “label”`, `ab12cd34` without a label, `genesis (empty state)`. */
export function commitWords(root: string, label: string | undefined): string {
  if (isGenesis(root)) return 'genesis (empty state)';
  return label ? `${shortRoot(root)} “${label}”` : shortRoot(root);
}

/** A journal: `session c`, or `commit ab12cd34 “right”`. */
export function journalWords(source: JournalSource, name: string): string {
  return 'session' in source ? `session ${name}` : `commit ${commitWords(source.commit, name)}`;
}
