/**
 * The typed InspectorApi client of the renderer: every method of the interface, forwarded to a
 * transport (Electron IPC through the preload bridge, or the WebSocket of browser mode). The
 * method list is not repeated here: a Proxy forwards whatever the interface declares, and the
 * compiler checks the calls against it. Errors come back as ApiRequestError with the engine's
 * code and details.
 */
import type { ApiError, ApiEventName, ApiEvents, InspectorApi } from '../../../engine/api/types';

export interface Transport {
  invoke(method: string, params: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export class ApiRequestError extends Error {
  readonly code: string;
  readonly details: ApiError['details'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.code = error.code;
    this.details = error.details;
  }
}

export type ApiClient = InspectorApi & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

export function createApiClient(transport: Transport): ApiClient {
  const on = <E extends ApiEventName>(
    event: E,
    listener: (payload: ApiEvents[E]) => void,
  ): (() => void) =>
    transport.subscribe((name, payload) => {
      if (name === event) listener(payload as ApiEvents[E]);
    });
  return new Proxy({} as ApiClient, {
    get(_target, property) {
      if (property === 'on') return on;
      if (typeof property !== 'string' || property === 'then') return undefined;
      return (params?: unknown) => transport.invoke(property, params ?? {});
    },
  });
}
