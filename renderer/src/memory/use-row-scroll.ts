/**
 * The hex view's scroll position in rows. Past the browser's element height limit the scrollbar
 * is scaled (common/lib/virtual-window), and at 256 MiB a pixel of scroll position is about two
 * rows: a wheel notch or a cursor key that moved the pixels would skip rows. So the view keeps
 * the top row it moved to by rows (`exactTop`) while the scroll position is still the one it set
 * then; a scroll it did not make (the scrollbar dragged) clears it. On a scaled scrollbar the
 * wheel moves by rows, as the same notch does in a memory short enough for no scaling.
 * The element scrolls at once; on a scroll or a wheel notch the view's refs follow in the next
 * frame's batch (next-frame.ts), with the chunks that arrived meanwhile, so the rows are rendered
 * once a frame.
 */
import { watch, type Ref } from 'vue';
import { useKeptScroll } from '../common/composables/use-kept-scroll';
import { rowsPerViewport, scrollTopForRow, type VirtualWindow } from '../common/lib/virtual-window';
import { clampTopRow, wheelRows } from './hex-scroll';
import { nextFrame } from './next-frame';

export interface RowScrollInput {
  scroller: Ref<HTMLElement | null>;
  /** The element's scroll position, as the view last saw it. */
  scrollTop: Ref<number>;
  /** The top row the view moved to by rows, null when the scroll position says it. */
  exactTop: Ref<number | null>;
  /** The window drawn from those two: its (fractional) top row, whether it is scaled. */
  win: Readonly<Ref<Pick<VirtualWindow, 'topRow' | 'scaled'>>>;
  rowHeight: number;
  /** Rows in the list, and the rows' visible height in px. */
  count: Readonly<Ref<number>>;
  viewport: Readonly<Ref<number>>;
}

export function useRowScroll(input: RowScrollInput) {
  const { scroller, scrollTop, exactTop, win, rowHeight, count, viewport } = input;
  useKeptScroll(scroller, scrollTop);
  /** The scroll position the view set with `exactTop`; NaN when it set none. */
  let pinnedScrollTop = Number.NaN;
  /** The top row scrollToRow moved to, until the batch shows it; null when none is waiting. */
  let movedTo: number | null = null;

  function forget(): void {
    exactTop.value = null;
    movedTo = null;
    pinnedScrollTop = Number.NaN;
  }
  // Another memory (or row width): the kept top row was a row of the old one.
  watch(count, forget);

  /** The refs brought to the element's scroll position (after a jump at once, else in a batch). */
  function apply(): void {
    const el = scroller.value;
    if (el === null) return;
    scrollTop.value = el.scrollTop;
    if (movedTo !== null) exactTop.value = win.value.scaled ? movedTo : null;
    movedTo = null;
    if (el.scrollTop !== pinnedScrollTop) forget();
  }

  /** The element scrolled (by the view or not): its rows follow at the next frame. */
  function onScroll(): void {
    nextFrame.request(apply);
  }

  /** The top row shown, or about to be once the frame's batch runs. */
  function topRow(): number {
    return movedTo ?? win.value.topRow;
  }

  /**
   * Put (fractional) row `top` at the viewport's top; the scrollbar follows as near as it can.
   * The rows follow at once (a jump: its chunks are asked for now), or with the frame's batch
   * (`inFrame`: a wheel notch, which comes at the start of a frame like a scroll).
   */
  function scrollToRow(top: number, inFrame = false): void {
    const el = scroller.value;
    if (el === null) return;
    const row = clampTopRow(top, count.value, viewport.value / rowHeight);
    el.scrollTop = scrollTopForRow(row, {
      count: count.value,
      rowHeight,
      viewportHeight: viewport.value,
    });
    pinnedScrollTop = el.scrollTop;
    movedTo = row;
    if (inFrame) nextFrame.request(apply);
    else apply();
  }

  function onWheel(event: WheelEvent): void {
    if (event.deltaY === 0 || event.ctrlKey) return;
    event.preventDefault();
    const perPage = rowsPerViewport(rowHeight, viewport.value);
    scrollToRow(topRow() + wheelRows(event.deltaY, event.deltaMode, rowHeight, perPage), true);
    if (event.deltaX !== 0 && scroller.value !== null) scroller.value.scrollLeft += event.deltaX;
  }

  // Listened to only while the scrollbar is scaled: a wheel listener that may cancel makes the
  // browser wait for the page before each wheel scroll, which an unscaled list does not need.
  watch(
    [scroller, () => win.value.scaled],
    ([el, scaled], _, onCleanup) => {
      if (el === null || !scaled) return;
      el.addEventListener('wheel', onWheel, { passive: false });
      onCleanup(() => el.removeEventListener('wheel', onWheel));
    },
    { immediate: true },
  );

  return { onScroll, scrollToRow, topRow };
}
