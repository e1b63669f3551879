import { defineConfig } from 'vitest/config';

// memory64 contracts (wasm64) need this V8 flag on Node 20; Electron 45 has it on by default.
// The JSON report feeds the `N passed, N failed` line of .ci/run (scripts/test-summary.mjs).
export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'contracts/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    execArgv: ['--experimental-wasm-memory64'],
    // One temporary folder for the whole run (removed after it), the wasmtime oracle's Python
    // environment and the session worker's bundle, made once before the files run in parallel.
    globalSetup: [
      'tests/temp-dir-setup.mjs',
      'tests/oracle/global-setup.ts',
      'tests/session-worker-setup.mjs',
    ],
    testTimeout: 60_000,
    // expect.poll gives up after 1 s by default: on a busy machine the UI can take longer than
    // that to show what a user would see. Wait as long as a user would, not a fixed second.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest-report.json' },
  },
});
