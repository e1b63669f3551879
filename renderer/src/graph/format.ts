/** Display helpers of the graph and diff views. */

/** First 8 hex digits of a root or id, as commits are shown everywhere. */
export function shortRoot(root: string): string {
  return root.replace(/^0x/i, '').slice(0, 8);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const shortTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatTime(ms: number): string {
  return timeFormat.format(ms);
}

export function formatShortTime(ms: number): string {
  return shortTimeFormat.format(ms);
}

/** Every label of a commit (committing the same state again adds one), or "no label". */
export function labelText(node: { labels: readonly string[] }): string {
  return node.labels.length === 0 ? 'no label' : node.labels.join(' · ');
}

/**
 * One formatter for counts, made when the app loads: `toLocaleString()` sets one up for the
 * page at its first call (ICU's number format, some tenths of a millisecond), and that first call
 * was in the render of the first diff a user opens.
 */
const countFormat = new Intl.NumberFormat();

/** A count as the user's locale writes it (`12,345`). */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
