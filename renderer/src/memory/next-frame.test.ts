import { expect, test } from 'vitest';
import { createFrameBatch } from './next-frame';

/** A batch whose frames run when the test says so. */
function manualFrames() {
  const frames: Array<() => void> = [];
  const batch = createFrameBatch((run) => frames.push(run));
  return { batch, frames };
}

test('work asked for before a frame runs in one callback of that frame, in order, once each', () => {
  const { batch, frames } = manualFrames();
  const ran: string[] = [];
  const scroll = () => ran.push('scroll');
  const chunks = () => ran.push('chunks');
  batch.request(chunks);
  batch.request(scroll);
  batch.request(chunks);
  expect(frames).toHaveLength(1);
  frames[0]();
  expect(ran).toEqual(['chunks', 'scroll']);
});

test('work asked for while a batch runs waits for the next frame', () => {
  const { batch, frames } = manualFrames();
  const ran: string[] = [];
  const later = () => ran.push('later');
  batch.request(() => {
    ran.push('first');
    batch.request(later);
  });
  frames[0]();
  expect(ran).toEqual(['first']);
  expect(frames).toHaveLength(2);
  frames[1]();
  expect(ran).toEqual(['first', 'later']);
});
