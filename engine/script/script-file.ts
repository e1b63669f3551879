/**
 * A script read from a file, as `run`, `gas-check` and the app's Load Script all read it: the
 * file and every `wasm` and `driver` path in it through `readUserFile` (regular files only, size-capped), the
 * `wasm` and `driver` paths relative to the script's folder.
 */
import { dirname, resolve } from 'node:path';
import { readUserFile, readUserText } from '../core/user-files';
import { parseScript, ScriptError, type Script } from './script-schema';

/** What `parseScript` takes besides the JSON (the contract names a store already has). */
export type ScriptParseOptions = Parameters<typeof parseScript>[1];

/** Reads a script's `wasm` paths relative to `baseDir`. */
export function wasmReader(baseDir: string): (path: string) => Uint8Array {
  return (path) => readUserFile(resolve(baseDir, path), 'contract');
}

/** Reads a deploy's `driver` paths relative to `baseDir`. */
export function driverReader(baseDir: string): (path: string) => Uint8Array {
  return (path) => readUserFile(resolve(baseDir, path), 'driver');
}

/** Parse script JSON text; a syntax error is a ScriptError like any other problem. */
export function parseScriptText(text: string, options: ScriptParseOptions = {}): Script {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScriptError(undefined, `not valid JSON: ${(e as Error).message}`);
  }
  return parseScript(json, options);
}

/** Read and check the script at `path`; throws InvalidInput (a ScriptError when it is invalid). */
export function loadScriptFile(
  path: string,
  options: ScriptParseOptions = {},
): {
  script: Script;
  baseDir: string;
  readWasm: (path: string) => Uint8Array;
  readDriver: (path: string) => Uint8Array;
} {
  const absolute = resolve(path);
  const script = parseScriptText(readUserText(absolute, 'script'), options);
  const baseDir = dirname(absolute);
  return { script, baseDir, readWasm: wasmReader(baseDir), readDriver: driverReader(baseDir) };
}
