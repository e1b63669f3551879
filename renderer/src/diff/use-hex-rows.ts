/**
 * The hex diff's rows in view: their text (address and both sides' runs, built once per row for
 * the bytes, row width and addresses shown), what each rendered row shows, and their elements
 * written into the rows block by hand (hex-row-elements.ts says why).
 */
import { computed, ref, watch, type Ref } from 'vue';
import { formatAddress } from '../common/lib/hex';
import { plural } from '../graph/format';
import type { VirtualWindow } from '../common/lib/virtual-window';
import {
  rowRuns,
  type ByteRange,
  type DisplayRow,
  type HexDiffModel,
  type HexRun,
} from './hex-diff-model';
import { syncRows, type RowContent } from './hex-row-elements';
import type { PageDiffData } from './diff-store';

/** A row's text, which depends only on the page's bytes, the row width and the base address. */
interface RowText {
  address: string;
  before: HexRun[];
  after: HexRun[];
}

export interface HexRowsInput {
  data: () => PageDiffData;
  /** Address of the page's first byte in the contract's memory. */
  baseOffset: () => number;
  /** The range picked with next/previous: its rows are marked current. */
  current: () => ByteRange | undefined;
  /** The row model for the row width shown. */
  model: Readonly<Ref<HexDiffModel>>;
  entries: Readonly<Ref<DisplayRow[]>>;
  /** The entries in view. */
  view: Readonly<Ref<VirtualWindow>>;
  /** No rows until the view is first sized. */
  sized: Readonly<Ref<boolean>>;
}

export function useHexRows(input: HexRowsInput) {
  const digits = computed(() =>
    Math.max(8, (input.baseOffset() + input.data().model.length - 1).toString(16).length),
  );

  /**
   * Row texts built so far, by row, for the bytes and width shown: a re-render (a scroll, the first
   * sizing, next/previous change) builds only the rows that come into view.
   */
  const rowTexts = computed(() => {
    void input.data();
    void input.baseOffset();
    void input.model.value;
    void digits.value;
    return new Map<number, RowText>();
  });

  /**
   * What each row in view shows. The reactive values are read once here, not per row: each read
   * is tracked, and with some forty rows and half a dozen reads a row that tracking took about a
   * millisecond of the first page's render (a cold, interpreted render).
   */
  const rendered = computed<RowContent[]>(() => {
    if (!input.sized.value) return [];
    const m = input.model.value;
    const { before, after } = input.data();
    const base = input.baseOffset();
    const width = digits.value;
    const cache = rowTexts.value;
    const entries = input.entries.value;
    const cur = input.current();
    const { start, end } = input.view.value;
    const out: RowContent[] = [];
    for (let i = start; i < end; i++) {
      const entry = entries[i];
      if (entry.kind === 'gap') {
        const rows = entry.to - entry.from;
        const from = formatAddress(base + entry.from * m.bytesPerRow, width);
        out.push({
          key: `g${entry.from}`,
          gap: `${plural(rows, 'unchanged row')} from ${from}`,
        });
        continue;
      }
      const offset = entry.row * m.bytesPerRow;
      let text = cache.get(entry.row);
      if (text === undefined) {
        text = {
          address: formatAddress(base + offset, width),
          before: rowRuns(m, before, entry.row),
          after: rowRuns(m, after, entry.row),
        };
        cache.set(entry.row, text);
      }
      out.push({
        key: `r${entry.row}`,
        address: text.address,
        before: text.before,
        after: text.after,
        changed: m.masks[entry.row] !== 0,
        current: cur !== undefined && cur.start < offset + m.bytesPerRow && cur.end > offset,
      });
    }
    return out;
  });

  /**
   * The rows in view, written into the rows block by hand (hex-row-elements.ts says why): after
   * Vue's update whenever they change, and when the view is first sized (sizeFirst). They are laid
   * out one under the other in a block placed at the first one's offset. A row element is kept while
   * its row stays in view and its text stays the same (same bytes, row width and addresses).
   */
  const rowsBlock = ref<HTMLElement | null>(null);
  const rowElements = new Map<string, HTMLElement>();
  let elementsOf: Map<number, RowText> | undefined;
  const addressChars = computed(() => Math.max(9, digits.value));
  function writeRows(): void {
    const parent = rowsBlock.value;
    if (parent === null) return;
    if (elementsOf !== rowTexts.value) {
      for (const el of rowElements.values()) el.remove();
      rowElements.clear();
      elementsOf = rowTexts.value;
    }
    const columns = {
      address: addressChars.value,
      side: input.model.value.bytesPerRow * 3,
      gap: 3,
    };
    syncRows(parent, rendered.value, columns, rowElements);
    const transform = `translateY(${input.view.value.offsetY}px)`;
    if (parent.style.transform !== transform) parent.style.transform = transform;
  }
  watch(rendered, writeRows, { flush: 'post' });

  return { rowsBlock, addressChars, writeRows };
}
