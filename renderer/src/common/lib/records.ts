/** Immutable updates of plain records held in store state (a new object, so watchers see it). */

export function without<V>(
  record: Readonly<Record<string, V>>,
  key: string | number,
): Record<string, V> {
  const k = String(key);
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== k));
}
