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

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
