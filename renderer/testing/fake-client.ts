/**
 * The one fake of the engine's API for renderer tests and the UI bench page: a Transport that
 * answers methods from handlers, records the calls, and pushes events on demand, wrapped in the
 * real client (api/client.ts) as the app wraps its IPC and WebSocket transports. Answers go
 * through JSON like over the real transports. Any method without a handler rejects, so a store
 * calling something unexpected fails loudly.
 */
import type { ApiEventName, ApiEvents, InspectorApi } from '../../engine/api/types';
import { createApiClient, type ApiClient, type Transport } from '../src/api/client';

// A handler sees the params the client sent; tests read whichever fields they set.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (params: any) => unknown;

export type Handlers = Partial<{
  [M in keyof InspectorApi]: (params: Parameters<InspectorApi[M]>[0]) => unknown;
}>;

/** An answer already serialised (the bench page builds its data once, before it measures). */
export class JsonReply {
  constructor(readonly text: string) {}
}

export interface FakeClient {
  client: ApiClient;
  transport: Transport;
  /** Every call, with the params the client sent (`{}` for a method called without). */
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  /** The handlers by method; a test may replace one between steps. */
  handlers: Map<string, Handler>;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

export function fakeClient(methods: Handlers = {}): FakeClient {
  const calls: FakeClient['calls'] = [];
  const handlers = new Map<string, Handler>(Object.entries(methods) as Array<[string, Handler]>);
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const transport: Transport = {
    async invoke(method, params) {
      calls.push({ method, params: params as Record<string, unknown> });
      const handler = handlers.get(method);
      if (handler === undefined) throw new Error(`unexpected call: ${method}`);
      const reply = await handler(params);
      return reply instanceof JsonReply
        ? (JSON.parse(reply.text) as unknown)
        : (JSON.parse(JSON.stringify(reply ?? null)) as unknown);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    client: createApiClient(transport),
    transport,
    calls,
    handlers,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

/** Let pending promises, watchers and short debounces (the step detail waits 40 ms) run. */
export async function settle(ms = 80): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
