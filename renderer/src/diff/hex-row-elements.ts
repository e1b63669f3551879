/**
 * The hex diff's rows in view, written to the DOM by hand rather than by Vue. Opening a page
 * renders some forty rows in a page whose code has not run yet: as Vue vnodes (a row, its address,
 * two sides, their text runs and marks) that cold rendering was most of the time until the page
 * is painted, while these few DOM calls per row are not. The elements are those Vue made: a row
 * `div` (role row), its address (`.addr`, rowheader) and both sides (`.side.before`/`.after`,
 * cells) as text with each run of changed bytes a <mark>, or a gap's text (`.gap-text`).
 */
import type { HexRun } from './hex-diff-model';

/** What a rendered row shows; `key` names the row or gap it is, whatever its place. */
export interface RowContent {
  key: string;
  /** Its place in the scroller's content (px). */
  top: number;
  /** Either a gap's text, or an address and both sides. */
  gap?: string;
  address?: string;
  before?: readonly HexRun[];
  after?: readonly HexRun[];
  changed?: boolean;
  current?: boolean;
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

/** A row's element, its content built once (its class and place are set by `placeRow`). */
export function rowElement(row: RowContent, doc: Document = document): HTMLElement {
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
  el.append(address, side(doc, row.before ?? [], 'before'), side(doc, row.after ?? [], 'after'));
  return el;
}

/** The class and test id a row's state gives it; its place. Writes only what changed. */
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
  const transform = `translateY(${row.top}px)`;
  if (el.style.transform !== transform) el.style.transform = transform;
}

/**
 * Keeps `parent`'s row elements those of `rows`, in their order (so that selecting across rows,
 * copying and the find bar read them top to bottom): an element kept by key is left where it is
 * when already in order, a new row is built, and rows gone are removed. `elements` maps the keys
 * rendered to their elements, and is updated.
 */
export function syncRows(
  parent: HTMLElement,
  rows: readonly RowContent[],
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
      el = rowElement(row, parent.ownerDocument);
      elements.set(row.key, el);
    }
    placeRow(el, row);
    const next: ChildNode | null = previous === null ? parent.firstChild : previous.nextSibling;
    if (next !== el) parent.insertBefore(el, next);
    previous = el;
  }
}
