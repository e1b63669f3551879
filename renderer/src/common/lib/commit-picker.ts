/**
 * The commits a `<select>` lists: the newest ones, plus whatever is picked. A select of 10,000
 * options is slow to open and useless to scroll; the Graph reaches every commit (open a session,
 * step through its calls, its memory, diff).
 */
export const PICKER_LIMIT = 500;

export interface PickerCommits<T> {
  shown: T[];
  /** How many commits are left out. */
  older: number;
}

export function pickerCommits<T extends { root: string }>(
  newestFirst: readonly T[],
  picked: ReadonlyArray<string | null | undefined>,
  limit = PICKER_LIMIT,
): PickerCommits<T> {
  const shown = newestFirst.slice(0, limit);
  for (const root of picked) {
    if (root === null || root === undefined || shown.some((n) => n.root === root)) continue;
    const node = newestFirst.find((n) => n.root === root);
    if (node !== undefined) shown.push(node);
  }
  return { shown, older: newestFirst.length - shown.length };
}

/** The root in a picker value such as `commit:ab…` (or `c:ab…`), if it names one. */
export function pickedRoot(value: string | null | undefined, prefix: string): string | undefined {
  return value?.startsWith(prefix) === true ? value.slice(prefix.length) : undefined;
}
