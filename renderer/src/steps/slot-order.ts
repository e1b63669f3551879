/**
 * The rows of a virtual list's window in the order of their slots (index modulo `slots`, the
 * most rows the window holds), which is what the timeline keys them by. Rows are placed by a
 * transform, so their DOM order is free: in slot order, a scroll or a far jump keeps every key
 * where it was and patches rows in place; in index order the keys rotate, and Vue's keyed patch
 * moves DOM nodes to follow them.
 */
export function slotOrder(start: number, end: number, slots: number): number[] {
  const out: number[] = [];
  if (end <= start) return out;
  // The first index in slot 0, when the window reaches one: the rows from it come first.
  const wrap = start + ((slots - (start % slots)) % slots);
  const pivot = wrap < end ? wrap : start;
  for (let i = pivot; i < end; i++) out.push(i);
  for (let i = start; i < pivot; i++) out.push(i);
  return out;
}
