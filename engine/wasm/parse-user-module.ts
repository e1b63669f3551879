/**
 * Parse bytes a user handed us as a module (a contract to deploy, a data-driver to attach),
 * saying why when they are not one: not a module at all (its size and first bytes, from
 * `notWasmModule`), or where its decoding fails (the byte offset). `fail` makes the caller's own
 * error from that message and its details (a contract's RuntimeError, a driver's InvalidInput).
 */
import { WasmDecodeError } from './binary';
import { parseModule, type WasmModule } from './module';
import { notWasmModule } from './module-header';

export function parseUserModule(
  bytes: Uint8Array,
  fail: (message: string, details: Record<string, string | number>) => Error,
): WasmModule {
  const notWasm = notWasmModule(bytes);
  if (notWasm !== undefined) throw fail(notWasm.message, notWasm.details);
  try {
    return parseModule(bytes);
  } catch (e) {
    if (e instanceof WasmDecodeError)
      throw fail(`invalid WebAssembly module: ${e.message}`, { offset: e.offset });
    throw e;
  }
}
