/**
 * The command palette's matcher: the query's characters must appear in order in the label;
 * matches at word starts and runs of consecutive characters rank higher (as in VS Code).
 */

export function fuzzyScore(label: string, query: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const l = label.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = l.indexOf(ch, from);
    if (at < 0) return undefined;
    const wordStart = at === 0 || /[\s\-_/:.(]/.test(l[at - 1]);
    score += 1 + (wordStart ? 3 : 0) + (at === 0 ? 2 : 0) + (at === previous + 1 ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  return score - l.length * 0.01;
}

export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  labelOf: (item: T) => string,
): T[] {
  const scored: Array<{ item: T; score: number; index: number }> = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(labelOf(item), query);
    if (score !== undefined) scored.push({ item, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.item);
}
