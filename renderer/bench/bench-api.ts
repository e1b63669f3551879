/** What the UI benchmark page offers its driver (bench/ui-bench.ts) as `window.uiBench`. */
export interface UiBenchPage {
  /**
   * Mounts the Graph view on `count` commits of syntheticHistory (or, `'scale'`, of
   * scaleHistory: the 100k benchmark's shape); ms from mounting to the first painted frame.
   */
  mountGraph(count: number, shape?: 'synthetic' | 'scale'): Promise<number>;
  startFrames(): void;
  /** p50/p95 of frame work and of frame intervals since startFrames(). */
  stopFrames(): { frames: number; p50: number; p95: number; intervalP95: number };
  /**
   * Mounts the Diff view and opens a changed 64 KiB page: ms until its rows are painted, and until
   * its changed ranges and writing steps are painted too (`completeMs`).
   */
  hexDiff(): Promise<{ ms: number; rows: number; completeMs: number }>;
  unmount(): void;
}
