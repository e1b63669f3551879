/**
 * The UI benchmark page (built by bench/ui-build.ts, driven by bench/ui-bench.ts in Chromium): the real
 * Graph and Diff views with their real Pinia stores, fed by the renderer's API fake
 * (bench-pages.ts). It exposes
 * `window.uiBench` for the driver; every time is measured here with performance.now().
 */
import { createPinia } from 'pinia';
import { createApp, type App, type Component } from 'vue';
import { provideApiClient } from '../src/api/instance';
import { receiveAbi } from '../src/common/abi';
import { TEST_ABI } from '../testing/abi';
import { syntheticHistory } from '../testing/synthetic-history';
import { scaleHistory } from './scale-history';
import { useDiffStore } from '../src/diff/diff-store';
import DiffView from '../src/diff/DiffView.vue';
import GraphView from '../src/graph/GraphView.vue';
import type { UiBenchPage } from './bench-api';
import { benchApi, benchPages } from './bench-pages';
import { afterNextFrame, percentile, recordFrames, type FrameRecorder } from './frame-timing';

declare global {
  interface Window {
    uiBench: UiBenchPage;
  }
}

// The ABI sizes the app has from its engine's workspace info (the page loads no workspace).
receiveAbi(TEST_ABI);

const root = document.getElementById('app')!;
let app: App | undefined;
let recorder: FrameRecorder | undefined;

function mount(component: Component, onPainted?: () => void): void {
  app?.unmount();
  app = createApp(component, onPainted === undefined ? {} : { onPainted });
  app.use(createPinia());
  app.mount(root);
}

window.uiBench = {
  async mountGraph(count, shape = 'synthetic') {
    const page = benchPages();
    const commits = shape === 'scale' ? scaleHistory(count) : syntheticHistory(count);
    provideApiClient(benchApi({ commits, diff: [], page }));
    let painted: (() => void) | undefined;
    const firstPaint = new Promise<void>((resolve) => (painted = resolve));
    let seen = false;
    const start = performance.now();
    mount(GraphView, () => {
      const rows = root.querySelectorAll('[data-row]').length;
      if (!seen && rows > 0) {
        seen = true;
        painted?.();
      }
    });
    await firstPaint;
    // The paint ran in a frame's rAF callbacks; that frame is on screen once it has rendered.
    const end = await new Promise<number>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
    return end - start;
  },

  startFrames() {
    recorder = recordFrames();
  },

  stopFrames() {
    const { work, intervals } = recorder!.stop();
    return {
      frames: work.length,
      p50: percentile(work, 50),
      p95: percentile(work, 95),
      intervalP95: percentile(intervals, 95),
    };
  },

  async hexDiff() {
    const page = benchPages();
    const contract = '0x' + 'ab'.repeat(32);
    const diff = [
      { contract, status: 'changed' as const, pagesAdded: [], pagesRemoved: [], pagesChanged: [3] },
    ];
    provideApiClient(benchApi({ commits: syntheticHistory(50), diff, page }));
    mount(DiffView);
    await afterNextFrame();
    // Marks for a performance trace of the figure's window (bench/ui-bench.ts says how to take one).
    const start = performance.mark('hexdiff-start').startTime;
    void useDiffStore().compare({ commit: 'a'.repeat(64) }, { commit: 'b'.repeat(64) });
    let painted: { ms: number; rows: number } | undefined;
    for (;;) {
      const end = await afterNextFrame();
      const rows = root.querySelectorAll('[data-testid="hexdiff"] .row').length;
      if (painted === undefined && rows > 0) {
        performance.mark('hexdiff-end', { startTime: end });
        painted = { ms: end - start, rows };
      }
      // The ranges list and the writers follow the rows by a frame (diff/after-paint.ts).
      const complete =
        root.querySelector('[data-testid="diff-range-0"]') !== null &&
        root.querySelector('[data-testid^="diff-step-"]') !== null;
      if (painted !== undefined && complete) return { ...painted, completeMs: end - start };
    }
  },

  unmount() {
    app?.unmount();
    app = undefined;
  },
};
