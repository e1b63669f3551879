/**
 * Builds the UI benchmark page with vite (the renderer's Vue plugin, production mode) into a
 * temporary folder and serves it on 127.0.0.1, as the real renderer is served in browser mode.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>UI bench</title>
    <link rel="stylesheet" href="ui-page.css" />
    <style>html, body, #app { margin: 0; height: 100%; }</style>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="ui-page.js"></script>
  </body>
</html>
`;

export interface BenchSite {
  url: string;
  /** Stops serving and removes the built page's folder. */
  close(): Promise<void>;
}

export async function buildBenchPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'pi-ui-bench-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    mode: 'production',
    plugins: [vue()],
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      lib: {
        entry: join(ROOT, 'renderer/bench/bench-page.ts'),
        formats: ['es'],
        fileName: () => 'ui-page.js',
        cssFileName: 'ui-page',
      },
    },
  });
  writeFileSync(join(outDir, 'index.html'), HTML);
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export async function serveBenchPage(dir: string): Promise<BenchSite> {
  const server = createServer((req, res) => {
    const path =
      normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    if (path.includes('..')) {
      res.writeHead(403).end();
      return;
    }
    const stream = createReadStream(join(dir, path));
    stream.on('error', () => res.writeHead(404).end());
    stream.on('open', () => {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      stream.pipe(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
