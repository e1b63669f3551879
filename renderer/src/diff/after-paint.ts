/**
 * Work kept out of the frame that first shows a page's bytes. The first page opened in a fresh
 * window renders with code that has not run yet, where every part of the view rendered in that
 * frame delays its paint (hexdiff_page_ms): the parts the user did not ask for follow a frame
 * later.
 */
import { shallowRef, watch, type ShallowRef } from 'vue';

/**
 * Runs `then` in a task after the next frame has been painted: a message posted from a frame's
 * animation callbacks is delivered once that frame's rendering is done.
 */
export function afterPaint(then: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      then();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A value that follows `source` once the frame in which it changed has been painted (several
 * changes before then are one update, to the latest value).
 */
export function afterPaintRef<T>(source: () => T): Readonly<ShallowRef<T>> {
  const value = shallowRef(source());
  let pending = false;
  watch(source, () => {
    if (pending) return;
    pending = true;
    afterPaint(() => {
      pending = false;
      value.value = source();
    });
  });
  return value;
}
