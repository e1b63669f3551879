/**
 * The hex diff's rows in view: their text (address and both sides' runs, built once per row for
 * the bytes, row width and addresses shown), what each rendered row shows, and their elements
 * written into the rows block by hand (hex-row-elements.ts says why).
 */
import { computed, ref, watch, type Ref } from 'vue';
import { formatAddress } from '../common/lib/hex';
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

  function rowText(row: number): RowText {
    const cache = rowTexts.value;
    let text = cache.get(row);
    if (text === undefined) {
      const m = input.model.value;
      text = {
        address: formatAddress(input.baseOffset() + row * m.bytesPerRow, digits.value),
        before: rowRuns(m, input.data().before, row),
        after: rowRuns(m, input.data().after, row),
      };
      cache.set(row, text);
    }
    return text;
  }

  const rendered = computed<RowContent[]>(() => {
    if (!input.sized.value) return [];
    const m = input.model.value;
    const { start, end } = input.view.value;
    const out: RowContent[] = [];
    for (let i = start; i < end; i++) {
      const entry = input.entries.value[i];
      if (entry.kind === 'gap') {
        const rows = entry.to - entry.from;
        const from = formatAddress(input.baseOffset() + entry.from * m.bytesPerRow, digits.value);
        out.push({
          key: `g${entry.from}`,
          gap: `${rows.toLocaleString()} unchanged ${rows === 1 ? 'row' : 'rows'} from ${from}`,
        });
        continue;
      }
      const offset = entry.row * m.bytesPerRow;
      const cur = input.current();
      const text = rowText(entry.row);
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
