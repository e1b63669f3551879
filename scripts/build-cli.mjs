// Bundles the headless CLI (engine + script runner) into out/cli for bin/piecrust-inspector.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['engine/cli/entry.ts'],
  outfile: 'out/cli/piecrust-inspector.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Native addon and wasm-backed packages stay in node_modules.
  external: ['@napi-rs/blake-hash', 'hash-wasm', 'sql.js', 'ws'],
  logLevel: 'warning',
});
console.log('built out/cli/piecrust-inspector.mjs');
