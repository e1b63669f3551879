/**
 * Desktop transport: the API through the preload bridge (`window.inspector`), which exposes
 * a few functions — invoke a method, subscribe to events, a dropped file's path, the Save dialog
 * of a script — and never `ipcRenderer` itself.
 */
import type { ApiError } from '../../../engine/api/types';
import { ApiRequestError, type Transport } from './client';

export interface InspectorBridge {
  invoke(
    method: string,
    params: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** The path of a dropped or picked file (desktop only; browsers hide paths). */
  pathForFile?(file: File): string;
  /**
   * The desktop Save dialog for a script (desktop only): the picked path, whose folder the main
   * process has granted to the engine, or null when the user cancelled.
   */
  saveScriptDialog?(): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }>;
  /**
   * Have a dropped store's folder granted to the engine (desktop only): a dropped store is a
   * choice the user made. The path, or an error.
   */
  droppedStore?(file: File): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }>;
}

export function createIpcTransport(bridge: InspectorBridge): Transport {
  return {
    async invoke(method, params) {
      const reply = await bridge.invoke(method, params);
      if (!reply.ok) throw new ApiRequestError(reply.error);
      return reply.value;
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
