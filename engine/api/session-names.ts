/**
 * The name of a session opened without one: what it starts from (the base commit's label, else
 * its short root, or genesis), numbered when another open session already has that name. The
 * internal id (`s12`) is never a name: one thing, one name, the user's.
 */

/** How many hex digits of a root name an unlabelled base (as the app shows short roots). */
const SHORT_ROOT = 8;

export function defaultSessionName(
  base: { root: string; label: string } | null,
  taken: Iterable<string>,
): string {
  const from =
    base === null
      ? 'genesis'
      : base.label.trim() !== ''
        ? base.label.trim()
        : base.root.replace(/^0x/i, '').slice(0, SHORT_ROOT);
  const stem = `on ${from}`;
  const names = new Set(taken);
  if (!names.has(stem)) return stem;
  for (let n = 2; ; n++) if (!names.has(`${stem} (${n})`)) return `${stem} (${n})`;
}
