/** A tiny typed event emitter for the events the service pushes to its clients. */
import type { ApiEventName, ApiEvents } from './types';

export type ApiListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export class ApiEventHub {
  private readonly listeners = new Set<ApiListener>();

  /** Subscribe to every event; returns the unsubscribe function. */
  subscribe(listener: ApiListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A failing client must not break the service or the other clients.
      }
    }
  }
}
