/**
 * Counts in the CLI's output said right for one: "1 call", "3 calls". A journal's entries are
 * counted as deploys and calls apart, as the app counts them (a deploy runs `init`, it is not a
 * call the user made).
 */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "4 calls", or "2 deploys, 3 calls" once the journal holds deploys. */
export function journalCounts(entries: ReadonlyArray<{ kind: string }>): string {
  const deploys = entries.filter((e) => e.kind === 'deploy').length;
  const calls = plural(entries.length - deploys, 'call');
  return deploys === 0 ? calls : `${plural(deploys, 'deploy')}, ${calls}`;
}
