// Builds the desktop app: main process (with the engine host and session worker as extra
// entries, so they ship next to it), the sandboxed preload, and the Vue renderer. The renderer
// build is also what `piecrust-inspector serve` serves in browser mode.
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { relaxCspForDevServer } from './electron/dev-server-csp';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'engine-host': resolve('electron/engine-host/index.ts'),
          'session-worker': resolve('engine/threads/session-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS with everything inlined.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      vue(),
      // The dev server's hot reload injects <style> elements; only it gets 'unsafe-inline'.
      { name: 'dev-server-csp', apply: 'serve', transformIndexHtml: relaxCspForDevServer },
    ],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
