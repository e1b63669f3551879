import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { nextTick, ref } from 'vue';
import { afterPaintRef } from './after-paint';

// Node has MessageChannel but no frames: the test runs the frame's animation callbacks itself.
let frameCallbacks: Array<() => void> = [];
const runFrame = (): void => {
  const callbacks = frameCallbacks;
  frameCallbacks = [];
  for (const callback of callbacks) callback();
};
/** Lets the messages posted so far be delivered (a message is a task). */
const messagesDelivered = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) =>
    frameCallbacks.push(() => callback(0));
});
afterEach(() => {
  delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
  frameCallbacks = [];
});

describe('afterPaintRef', () => {
  test('starts at the source, and follows a change only once its frame is painted', async () => {
    const source = ref('a');
    const late = afterPaintRef(() => source.value);
    expect(late.value).toBe('a');
    source.value = 'b';
    await nextTick();
    await messagesDelivered();
    expect(late.value).toBe('a'); // no frame yet
    runFrame();
    expect(late.value).toBe('a'); // the frame is being rendered
    await messagesDelivered();
    expect(late.value).toBe('b');
  });

  test('changes before the paint are one update, to the latest value', async () => {
    const source = ref(1);
    const late = afterPaintRef(() => source.value);
    source.value = 2;
    await nextTick();
    source.value = 3;
    await nextTick();
    expect(frameCallbacks).toHaveLength(1);
    runFrame();
    await messagesDelivered();
    expect(late.value).toBe(3);
    source.value = 4;
    await nextTick();
    runFrame();
    await messagesDelivered();
    expect(late.value).toBe(4);
  });
});
