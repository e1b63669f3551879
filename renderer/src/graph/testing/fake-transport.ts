/**
 * A scriptable API transport for store tests: answers methods from handlers, records the calls,
 * and pushes events to subscribers on demand. Not used by the app itself.
 */
import type { Transport } from '../../api/client';
import type { ApiEventName, ApiEvents } from '../../../../engine/api/types';

export type Handler = (params: Record<string, unknown>) => unknown;

export interface FakeTransport extends Transport {
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  handlers: Map<string, Handler>;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

export function createFakeTransport(handlers: Record<string, Handler> = {}): FakeTransport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const transport: FakeTransport = {
    calls: [],
    handlers: new Map(Object.entries(handlers)),
    async invoke(method, params) {
      const p = (params ?? {}) as Record<string, unknown>;
      transport.calls.push({ method, params: p });
      const handler = transport.handlers.get(method);
      if (handler === undefined) throw new Error(`no fake for ${method}`);
      // Through JSON, like the real transports.
      return JSON.parse(JSON.stringify((await handler(p)) ?? null)) as unknown;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
  return transport;
}
