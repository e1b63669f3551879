/**
 * The Memory view's bytes as the user sees them. A hex row is text (one text node for its bytes,
 * one for their ASCII; renderer/src/memory/hex-text.ts) and its marks are CSS Custom Highlights
 * named `memory-<mark>`, so a byte is not an element to look up: these find it from its row
 * (`data-offset`, the row's first byte) and the row's text, read the highlights covering its
 * digits, and click it where it is drawn.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShownByte {
  /** Its two hex digits as drawn ("··" while loading). */
  hex: string;
  ascii: string;
  /**
   * The marks over its hex digits ('argbuf', 'cursor', 'match'; 'pending' and 'zero' in a row
   * that also has other bytes: a row all zeros or all loading is coloured by its class), sorted.
   */
  marks: string[];
  /** Where its hex digits and its ASCII character are drawn, in the page. */
  box: Box;
  asciiBox: Box;
  /** Its digits wholly inside the grid's visible box (not clipped above or below). */
  inView: boolean;
}

/** In the page: the byte at `offset` as drawn, or null while no rendered row holds it. */
function readByte(offset: number): ShownByte | null {
  const grid = document.querySelector<HTMLElement>('[data-testid="memory-grid"]');
  if (grid === null) return null;
  let row: HTMLElement | null = null;
  for (const r of grid.querySelectorAll<HTMLElement>('[data-testid="memory-row"]')) {
    const at = Number(r.dataset.offset);
    if (at <= offset && (row === null || at > Number(row.dataset.offset))) row = r;
  }
  const hexNode = row?.querySelector('.cells')?.firstChild;
  const asciiNode = row?.querySelector('.ascii')?.firstChild;
  if (!(hexNode instanceof Text) || !(asciiNode instanceof Text)) return null;
  const col = offset - Number(row!.dataset.offset);
  // The row's col-th group of digits is the byte's.
  const groups = [...hexNode.data.matchAll(/\S+/g)];
  if (col >= groups.length) return null;
  const start = groups[col].index;
  const end = start + groups[col][0].length;
  const boxOf = (node: Text, from: number, to: number): Box => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const { x, y, width, height } = range.getBoundingClientRect();
    return { x, y, width, height };
  };
  const marks: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('memory-')) continue;
    for (const r of highlight as Iterable<AbstractRange>)
      if (r.startContainer === hexNode && r.startOffset < end && r.endOffset > start) {
        marks.push(name.slice('memory-'.length));
        break;
      }
  }
  const box = boxOf(hexNode, start, end);
  const g = grid.getBoundingClientRect();
  return {
    hex: hexNode.data.slice(start, end),
    ascii: asciiNode.data.charAt(col),
    marks: marks.sort(),
    box,
    asciiBox: boxOf(asciiNode, col, col + 1),
    inView: box.y >= g.top && box.y + box.height <= g.top + grid.clientHeight,
  };
}

export function shownByte(page: Page, offset: number): Promise<ShownByte | null> {
  return page.evaluate(readByte, offset);
}

/** Click a byte where it is drawn, in its hex digits or its ASCII character, once it is. */
export async function clickByte(
  page: Page,
  offset: number,
  column: 'hex' | 'ascii' = 'hex',
): Promise<void> {
  await expect.poll(() => shownByte(page, offset)).not.toBeNull();
  const shown = (await shownByte(page, offset))!;
  const box = column === 'hex' ? shown.box : shown.asciiBox;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** How many bytes' hex digits a mark covers in the rendered rows. */
export function markedBytes(page: Page, mark: string): Promise<number> {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(`memory-${name}`);
    if (highlight === undefined) return 0;
    let n = 0;
    for (const r of highlight as Iterable<AbstractRange>) {
      const node = r.startContainer;
      if (!(node instanceof Text) || node.parentElement?.closest('.row .cells') == null) continue;
      n += (node.data.slice(r.startOffset, r.endOffset).match(/\S+/g) ?? []).length;
    }
    return n;
  }, mark);
}

/** The bytes a rendered row shows (8 or 16, by the pane's width): its groups of hex digits. */
export async function bytesPerShownRow(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="memory-row"] .cells').first().textContent();
  return (text ?? '').trim().split(/\s+/).length;
}
