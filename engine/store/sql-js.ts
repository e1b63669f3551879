/**
 * Loading sql.js: its wasm from a file (once per path, shared by every index) or from bytes the
 * Electron app packages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { PiecrustError } from '../core/errors';

/** Where sql.js's wasm is: a file path, or its bytes (the Electron app packages it). */
export type SqlWasm = string | Uint8Array;

const modules = new Map<string, Promise<SqlJsStatic>>();

export function defaultSqlWasmPath(): string {
  return createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
}

export function loadSqlJs(wasm: SqlWasm = defaultSqlWasmPath()): Promise<SqlJsStatic> {
  if (typeof wasm !== 'string') return initSqlJs({ wasmBinary: wasm.slice().buffer });
  let module = modules.get(wasm);
  if (module === undefined) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(wasm));
    } catch (e) {
      const message = `sql.js wasm not readable at ${wasm}: ${(e as Error).message}`;
      return Promise.reject(new PiecrustError('PersistenceError', message, { wasm }));
    }
    module = initSqlJs({ wasmBinary: bytes.buffer as ArrayBuffer });
    modules.set(wasm, module);
    module.catch(() => modules.delete(wasm));
  }
  return module;
}
