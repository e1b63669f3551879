// Bundles the headless CLI (engine + script runner) into out/cli for bin/piecrust-inspector.js.
// The tests bundle the session worker alone through buildSessionWorker (tests/session-worker-setup.mjs).
import { pathToFileURL } from 'node:url';
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

/** A script of the tests (a child process they start), bundled to `outfile`. */
export async function buildTestScript(entry, outfile) {
  await build({ ...common, external: [...common.external, 'wabt'], entryPoints: [entry], outfile });
}

/** The session worker thread's script, bundled to `outfile`. */
export async function buildSessionWorker(outfile) {
  await build({ ...common, entryPoints: ['engine/threads/session-worker.ts'], outfile });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build({
    ...common,
    entryPoints: ['engine/cli/entry.ts'],
    outfile: 'out/cli/piecrust-inspector.mjs',
  });
  // Session worker threads load this file from next to the bundle (engine/threads/worker-entry.ts).
  await buildSessionWorker('out/cli/session-worker.mjs');
  console.log('built out/cli/piecrust-inspector.mjs and out/cli/session-worker.mjs');
}
