/**
 * The hex view's rows as DOM elements, written in place. A drag across 256 MiB shows new rows
 * every frame; rendered through Vue, each frame built a virtual node per row and span and set
 * every row's styles again (a third of the frame's script in a profile). Here each slot of the
 * window keeps its row element and three text nodes, and a frame sets only what changed: a text
 * node's data, a class, the offset.
 *
 * A row, as the e2e tests and the click mapping (HexView's onPick) read it:
 *   <div class="row mono …" role="row" data-testid="memory-row" data-offset="…">
 *     <span class="addr" role="rowheader">offset</span>
 *     <span class="cells" role="gridcell">hex text[<span class="argbuf-edge">]</span>
 *     <span class="ascii" role="gridcell">ASCII text[<span class="argbuf-edge">]</span>
 *   </div>
 */
import { formatAddress } from '../common/lib/hex';
import { hexCharStart } from './hex-text';

/** What a row shows (use-drawn-rows.ts builds them). */
export interface RowContent {
  offset: number;
  /** Its classes besides `row mono` (page-start, unwritten, pending, zeros, loading). */
  cls: string;
  hex: string;
  ascii: string;
  /** The column where the argument buffer A starts, to draw its edge; -1 when not in this row. */
  argEdge: number;
}

interface Slot {
  row: HTMLDivElement;
  addrBox: HTMLSpanElement;
  addr: Text;
  cells: HTMLSpanElement;
  hex: Text;
  asciiBox: HTMLSpanElement;
  ascii: Text;
  /** What was last written, so an unchanged value is not written again. */
  offset: number;
  cls: string;
  digits: number;
  edgeLeft: string;
}

export interface RowElements {
  /** Make the box's rows show `rows` (one element a slot; extra slots removed). */
  write(rows: readonly RowContent[], digits: number, bytesPerRow: number): void;
  /** Slot `i`'s hex and ASCII text nodes (the marks' ranges are over them). */
  textNodes(i: number): { hex: Text; ascii: Text } | undefined;
}

function span(cls: string, role: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = cls;
  el.setAttribute('role', role);
  return el;
}

function newSlot(box: HTMLElement): Slot {
  const row = document.createElement('div');
  row.setAttribute('role', 'row');
  row.dataset.testid = 'memory-row';
  const addrBox = span('addr', 'rowheader');
  const cells = span('cells', 'gridcell');
  const asciiBox = span('ascii', 'gridcell');
  const addr = addrBox.appendChild(document.createTextNode(''));
  const hex = cells.appendChild(document.createTextNode(''));
  const ascii = asciiBox.appendChild(document.createTextNode(''));
  row.append(addrBox, cells, asciiBox);
  box.appendChild(row);
  return {
    row,
    addrBox,
    addr,
    cells,
    hex,
    asciiBox,
    ascii,
    offset: -1,
    cls: '',
    digits: -1,
    edgeLeft: '',
  };
}

function setText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}

/**
 * The argument buffer's edge in a column: a bar at `left` ('' for none). Only a column holding
 * one is positioned (`.edged`): a positioned span is a paint layer of its own, and every row's
 * two columns were one each frame.
 */
function setEdge(column: HTMLSpanElement, left: string): void {
  const edge = column.children[0] as HTMLElement | undefined;
  if (left === '') {
    edge?.remove();
    column.classList.remove('edged');
    return;
  }
  const bar = edge ?? column.appendChild(document.createElement('span'));
  bar.className = 'argbuf-edge';
  bar.style.left = left;
  column.classList.add('edged');
}

export function createRowElements(box: HTMLElement): RowElements {
  const slots: Slot[] = [];
  return {
    write(rows, digits, bytesPerRow) {
      while (slots.length > rows.length) slots.pop()!.row.remove();
      while (slots.length < rows.length) slots.push(newSlot(box));
      rows.forEach((content, i) => {
        const s = slots[i];
        if (s.cls !== content.cls) {
          s.row.className = `row mono ${content.cls}`;
          s.cls = content.cls;
        }
        if (s.offset !== content.offset || s.digits !== digits) {
          s.row.dataset.offset = String(content.offset);
          setText(s.addr, formatAddress(content.offset, digits));
          s.offset = content.offset;
        }
        if (s.digits !== digits) {
          s.addrBox.style.width = `${digits + 2}ch`;
          s.digits = digits;
        }
        setText(s.hex, content.hex);
        setText(s.ascii, content.ascii);
        const edge = content.argEdge;
        const edgeLeft = edge < 0 ? '' : `${hexCharStart(edge, bytesPerRow)}ch|${edge + 1}ch`;
        if (s.edgeLeft !== edgeLeft) {
          const [hexLeft = '', asciiLeft = ''] = edgeLeft === '' ? [] : edgeLeft.split('|');
          setEdge(s.cells, hexLeft);
          setEdge(s.asciiBox, asciiLeft);
          s.edgeLeft = edgeLeft;
        }
      });
    },
    textNodes(i) {
      const s = slots[i];
      return s === undefined ? undefined : { hex: s.hex, ascii: s.ascii };
    },
  };
}
