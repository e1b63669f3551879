/**
 * The hex diff's rows in view, written to the DOM by hand rather than by Vue. Opening a page
 * renders some forty rows in a page whose code has not run yet: as Vue vnodes (a row, its address,
 * two sides, their text runs and marks) that cold rendering was most of the time until the page
 * is painted, while these few DOM calls per row are not. The elements are those Vue made: a row
 * `div` (role row), its address (`.addr`, rowheader) and both sides (`.side.before`/`.after`,
 * cells) as text with each run of changed bytes a <mark>, or a gap's text (`.gap-text`).
 *
 * A row is one line of text in the mono font, its columns set apart by spaces, not a grid: laying
 * out a grid per row (three grid items, each its own formatting context) took about twice as long
 * as the line, and that layout is in the frame that first shows a page. The spaces also make a
 * copied row read as a hex dump line (address, before, after).
 */
import type { HexRun } from './hex-diff-model';

/** What a rendered row shows; `key` names the row or gap it is, whatever its place. */
export interface RowContent {
  key: string;
  /** Either a gap's text, or an address and both sides. */
  gap?: string;
  address?: string;
  before?: readonly HexRun[];
  after?: readonly HexRun[];
  changed?: boolean;
  current?: boolean;
}

/** The columns' widths in characters, for the spaces between them. */
export interface RowColumns {
  /** The address column (at least as wide as the longest address). */
  address: number;
  /** A side of a full row; a shorter last row's side is followed by more spaces. */
  side: number;
  /** Between two columns. */
  gap: number;
}

function textLength(runs: readonly HexRun[]): number {
  let length = 0;
  for (const run of runs) length += run.text.length;
  return length;
}

function side(doc: Document, runs: readonly HexRun[], which: 'before' | 'after'): HTMLElement {
  const el = doc.createElement('span');
  el.className = `side ${which}`;
  el.setAttribute('role', 'cell');
  if (runs.length === 1 && !runs[0].changed) {
    el.textContent = runs[0].text;
    return el;
  }
  for (const run of runs) {
    if (!run.changed) {
      el.append(run.text);
      continue;
    }
    const mark = doc.createElement('mark');
    mark.textContent = run.text;
    el.append(mark);
  }
  return el;
}

/** A row's element, its content built once (its class is set by `placeRow`). */
export function rowElement(
  row: RowContent,
  columns: RowColumns,
  doc: Document = document,
): HTMLElement {
  const el = doc.createElement('div');
  el.setAttribute('role', 'row');
  if (row.gap !== undefined) {
    const text = doc.createElement('span');
    text.className = 'gap-text';
    text.setAttribute('role', 'cell');
    text.textContent = `⋯ ${row.gap}`;
    el.append(text);
    return el;
  }
  const address = doc.createElement('span');
  address.className = 'addr';
  address.setAttribute('role', 'rowheader');
  address.textContent = row.address ?? '';
  const before = row.before ?? [];
  const addressPad = Math.max(0, columns.address - address.textContent.length);
  const sidePad = Math.max(0, columns.side - textLength(before));
  el.append(
    address,
    ' '.repeat(addressPad + columns.gap),
    side(doc, before, 'before'),
    ' '.repeat(sidePad + columns.gap),
    side(doc, row.after ?? [], 'after'),
  );
  return el;
}

/** The class and test id a row's state gives it. Writes only what changed. */
export function placeRow(el: HTMLElement, row: RowContent): void {
  const className =
    row.gap !== undefined
      ? 'row gap'
      : `row${row.changed === true ? ' changed' : ''}${row.current === true ? ' current' : ''}`;
  if (el.className !== className) el.className = className;
  const testId = row.changed === true ? 'hexdiff-changed-row' : null;
  if (el.getAttribute('data-testid') !== testId) {
    if (testId === null) el.removeAttribute('data-testid');
    else el.setAttribute('data-testid', testId);
  }
}

/**
 * Keeps `parent`'s row elements those of `rows`, in their order: the rows are laid out one under
 * the other in that order (and selecting across rows, copying and the find bar read them top to
 * bottom). An element kept by key is left where it is when already in order, a new row is built,
 * and rows gone are removed. `elements` maps the keys rendered to their elements, and is updated.
 */
export function syncRows(
  parent: HTMLElement,
  rows: readonly RowContent[],
  columns: RowColumns,
  elements: Map<string, HTMLElement>,
): void {
  const wanted = new Set<string>();
  for (const row of rows) wanted.add(row.key);
  for (const [key, el] of elements) {
    if (wanted.has(key)) continue;
    el.remove();
    elements.delete(key);
  }
  // The rows kept are still in order; each row goes right after the one before it.
  let previous: HTMLElement | null = null;
  for (const row of rows) {
    let el = elements.get(row.key);
    if (el === undefined) {
      el = rowElement(row, columns, parent.ownerDocument);
      elements.set(row.key, el);
    }
    placeRow(el, row);
    const next: ChildNode | null = previous === null ? parent.firstChild : previous.nextSibling;
    if (next !== el) parent.insertBefore(el, next);
    previous = el;
  }
}
