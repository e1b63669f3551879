/**
 * Frame timing inside the bench page. A frame's main-thread work is the frame itself — from the
 * start of its requestAnimationFrame callbacks until its rendering (style, layout, paint) is
 * done, observed by a message posted from the rAF callback — plus the input handling that led
 * to it. Input is timed from a window capture listener registered before the app's: when the
 * browser dispatches it inside the frame (rAF-aligned input, the usual case for pointer moves)
 * the frame starts there; when it runs as a task of its own, a message posted from the listener
 * marks its end and its span is added.
 */

/** performance.now() once the next frame has been rendered. */
export function afterNextFrame(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }),
  );
}

export interface FrameRecorder {
  /** Work per frame (ms) of the frames that had input, and the intervals between frames. */
  stop(): { work: number[]; intervals: number[] };
}

const INPUT_EVENTS = [
  'pointermove',
  'mousemove',
  'wheel',
  'pointerdown',
  'mousedown',
  'pointerup',
  'mouseup',
];

interface InputSpan {
  start: number;
  /** Set when the dispatch ran as its own task (the message arrived before the next frame). */
  end?: number;
}

export function recordFrames(): FrameRecorder {
  let inputs: InputSpan[] = [];
  const onInput = (): void => {
    const span: InputSpan = { start: performance.now() };
    inputs.push(span);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (span.end = performance.now());
    channel.port2.postMessage(0);
  };
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true });
  const work: number[] = [];
  const intervals: number[] = [];
  let running = true;
  let lastFrame = 0;
  const tick = (frameTime: number): void => {
    if (!running) return;
    const rafStart = performance.now();
    const frameInputs = inputs;
    inputs = [];
    if (lastFrame > 0) intervals.push(frameTime - lastFrame);
    lastFrame = frameTime;
    requestAnimationFrame(tick);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (frameInputs.length === 0) return;
      let total = performance.now() - rafStart;
      let inFrame = rafStart;
      for (const span of frameInputs) {
        if (span.end !== undefined && span.end <= rafStart) total += span.end - span.start;
        else inFrame = Math.min(inFrame, span.start);
      }
      work.push(total + (rafStart - inFrame));
    };
    channel.port2.postMessage(0);
  };
  requestAnimationFrame(tick);
  return {
    stop() {
      running = false;
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      return { work, intervals };
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
