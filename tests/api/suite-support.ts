/**
 * What the InspectorApi suite's files share: the connection a transport gives, the example
 * script, built contracts, store files, and small helpers.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEventName, ApiEvents, InspectorApi } from '../../engine/api/types';
import { checkStore } from '../../engine/store/check';
import { openFileStore } from '../../engine/store/file-store';

export interface Connection {
  api: InspectorApi;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): Promise<void>;
}

export const EXAMPLE = new URL('../../examples/sessions.json', import.meta.url).pathname;
/** How many steps the example has: every one of them must run and pass. */
export const EXAMPLE_STEPS = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] })
  .steps.length;
export const BUILD = new URL('../../contracts/build/', import.meta.url).pathname;
export const MAX_GAS = '18446744073709551615';
export const PAGE = 65536;

/** A fresh path for a store file (not created). */
export function storePath(name = 'state.pis'): string {
  return join(mkdtempSync(join(tmpdir(), 'pi-api-store-')), name);
}

/** A .wasm from contracts/build as the API's `bytes` source wants it: `0x`-prefixed hex. */
export function wasmHex(name: string): string {
  return '0x' + readFileSync(`${BUILD}${name}.wasm`).toString('hex');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Verify a store file from its commits down, read-only (as `piecrust-inspector check` does). */
export async function checkFile(path: string): Promise<{ ok: boolean; commits: number }> {
  const store = await openFileStore(path, { readOnly: true });
  try {
    const report = checkStore(store);
    return { ok: report.ok, commits: report.commits };
  } finally {
    await store.close();
  }
}

export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}
