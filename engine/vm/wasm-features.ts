/**
 * memory64 contracts need V8's memory64 support, behind `--experimental-wasm-memory64` on
 * Node 20 (on by default in Electron 45's V8). Turn the flag on at run time when it is missing,
 * before any module is compiled, so that the CLI and tests work without extra node options.
 */
import v8 from 'node:v8';

// (module (memory i64 1))
const MEMORY64_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 4, 1]);

let checked = false;

export function memory64Supported(): boolean {
  return WebAssembly.validate(MEMORY64_PROBE);
}

export function enableWasmFeatures(): void {
  if (checked) return;
  checked = true;
  if (memory64Supported()) return;
  try {
    v8.setFlagsFromString('--experimental-wasm-memory64');
  } catch {
    // Not a V8 that knows the flag: memory64 contracts will be reported as invalid modules.
  }
}
