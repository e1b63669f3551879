/**
 * Browser-mode transport: the API over the WebSocket served by `piecrust-inspector serve`.
 * Requests are matched to replies by id; when the socket closes, every pending request fails
 * with a clear error and later requests reconnect.
 */
import type { ApiError } from '../../../engine/api/types';
import { ApiRequestError, type Transport } from './client';

interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(
    type: 'open' | 'message' | 'close' | 'error',
    listener: (event: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
}

export type SocketFactory = (url: string) => SocketLike;

const OPEN = 1;

export function createWebSocketTransport(
  url: string,
  factory: SocketFactory = (u) => new WebSocket(u) as unknown as SocketLike,
): Transport & { close(): void } {
  let socket: SocketLike | undefined;
  let ready: Promise<SocketLike> | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const listeners = new Set<(event: string, payload: unknown) => void>();

  const connect = (): Promise<SocketLike> => {
    if (ready !== undefined && socket !== undefined && socket.readyState <= OPEN) return ready;
    const ws = factory(url);
    socket = ws;
    ready = new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () =>
        reject(
          new ApiRequestError({
            code: 'ConnectionError',
            message: `cannot connect to ${url.replace(/token=[^&]+/, 'token=…')}`,
            details: {},
          }),
        ),
      );
    });
    ws.addEventListener('message', (event) => {
      let message: {
        id?: number;
        result?: unknown;
        error?: ApiError;
        event?: string;
        payload?: unknown;
      };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      if (message.event !== undefined) {
        for (const listener of listeners) listener(message.event, message.payload);
        return;
      }
      const request = message.id === undefined ? undefined : pending.get(message.id);
      if (request === undefined) return;
      pending.delete(message.id!);
      if (message.error !== undefined) request.reject(new ApiRequestError(message.error));
      else request.resolve(message.result);
    });
    ws.addEventListener('close', (event) => {
      const error = new ApiRequestError({
        code: 'ConnectionClosed',
        message: `the connection to the inspector closed (${event.code ?? '?'}${event.reason ? `: ${event.reason}` : ''})`,
        details: { code: event.code ?? null },
      });
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      socket = undefined;
      ready = undefined;
    });
    return ready;
  };

  return {
    async invoke(method, params) {
      // An open socket sends at once. Awaiting it would put the request behind the microtasks
      // queued meanwhile (the render Vue scheduled for the same click), time the engine could
      // have spent answering (step_jump_ms, bench/scale-session.ts).
      const ws = socket !== undefined && socket.readyState === OPEN ? socket : await connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
    close() {
      socket?.close();
    },
  };
}
