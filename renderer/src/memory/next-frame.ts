/**
 * Work for the next frame, all of it in one animation-frame callback. The hex view moves its
 * rows on a scroll and the memory store shows chunks that arrived; each in a callback of its own
 * made Vue render the rows twice in one frame (its updates run after each callback), and while
 * the scrollbar is dragged across a big memory both happen in nearly every frame. Batched, the
 * rows are built once a frame. A request made while the batch runs waits for the next one.
 */
type Schedule = (run: () => void) => void;

export interface FrameBatch {
  /** Run `work` in the next frame's batch (once, however often it is asked for before then). */
  request(work: () => void): void;
}

export function createFrameBatch(schedule: Schedule): FrameBatch {
  let queued: Array<() => void> = [];
  return {
    request(work) {
      if (queued.includes(work)) return;
      queued.push(work);
      if (queued.length > 1) return;
      schedule(() => {
        const batch = queued;
        queued = [];
        for (const w of batch) w();
      });
    },
  };
}

/** The page's batch: requestAnimationFrame where there is one (a timer in unit tests). */
export const nextFrame: FrameBatch = createFrameBatch((run) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(run, 0);
});
