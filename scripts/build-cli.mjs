// Bundles the headless CLI (engine + script runner) into out/cli for bin/piecrust-inspector.js.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Native addon and wasm-backed packages stay in node_modules.
  external: ['@napi-rs/blake-hash', 'hash-wasm', 'sql.js', 'ws'],
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['engine/cli/entry.ts'],
  outfile: 'out/cli/piecrust-inspector.mjs',
});
// Session worker threads load this file from next to the bundle (engine/threads/worker-entry.ts).
await build({
  ...common,
  entryPoints: ['engine/threads/session-worker.ts'],
  outfile: 'out/cli/session-worker.mjs',
});
console.log('built out/cli/piecrust-inspector.mjs and out/cli/session-worker.mjs');
