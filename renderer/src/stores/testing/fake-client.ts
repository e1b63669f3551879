/**
 * A fake API client for store tests: the methods a test gives, recorded calls, and events it can
 * push. Any other method rejects, so a store calling something unexpected fails loudly.
 */
import type { ApiEventName, ApiEvents, InspectorApi } from '../../../../engine/api/types';
import type { ApiClient } from '../../api/client';

export interface FakeClient {
  client: ApiClient;
  calls: Array<{ method: string; params: unknown }>;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

export function fakeClient(
  methods: Partial<{
    [M in keyof InspectorApi]: (params: Parameters<InspectorApi[M]>[0]) => unknown;
  }>,
): FakeClient {
  const calls: FakeClient['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const table = methods as Record<string, ((params: unknown) => unknown) | undefined>;
  const client = new Proxy({} as ApiClient, {
    get(_target, property) {
      if (property === 'then' || typeof property !== 'string') return undefined;
      if (property === 'on') {
        return (event: string, listener: (payload: unknown) => void) => {
          const set = listeners.get(event) ?? new Set();
          set.add(listener);
          listeners.set(event, set);
          return () => set.delete(listener);
        };
      }
      return async (params: unknown) => {
        calls.push({ method: property, params });
        const impl = table[property];
        if (impl === undefined) throw new Error(`unexpected call: ${property}`);
        return impl(params);
      };
    },
  });
  return {
    client,
    calls,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

/** Let pending promises, watchers and short debounces (the step detail waits 40 ms) run. */
export async function settle(ms = 80): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
