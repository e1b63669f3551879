import { describe, expect, test } from 'vitest';
import { createWebSocketTransport, type SocketFactory } from './websocket-transport';

/** A socket that records what is sent and opens when told to. */
function fakeSocket() {
  const sent: string[] = [];
  const handlers = new Map<string, Array<(event: { data?: unknown }) => void>>();
  const socket = {
    readyState: 0,
    send: (data: string) => sent.push(data),
    close: () => undefined,
    addEventListener: (type: string, listener: (event: { data?: unknown }) => void) =>
      handlers.set(type, [...(handlers.get(type) ?? []), listener]),
  };
  const open = () => {
    socket.readyState = 1;
    for (const h of handlers.get('open') ?? []) h({});
  };
  const reply = (data: unknown) => {
    for (const h of handlers.get('message') ?? []) h({ data: JSON.stringify(data) });
  };
  return { socket, sent, open, reply };
}

describe('WebSocket transport', () => {
  test('a request on an open socket is sent in the call, before any queued microtask runs', async () => {
    const fake = fakeSocket();
    const factory: SocketFactory = () => fake.socket;
    const transport = createWebSocketTransport('ws://x/api', factory);
    // The first request waits for the socket to open.
    const first = transport.invoke('workspace', {});
    expect(fake.sent).toEqual([]);
    fake.open();
    await expect.poll(() => fake.sent.length).toBe(1);
    fake.reply({ id: 1, result: 'one' });
    expect(await first).toBe('one');

    // A render queued as a microtask just before (Vue's, for the click that asks) must not run
    // before the request leaves: the engine answers while the page renders.
    const order: string[] = [];
    queueMicrotask(() => order.push(`render (${fake.sent.length} sent)`));
    const second = transport.invoke('stepDetail', { session: 's', call: 1, step: 0 });
    order.push(`asked (${fake.sent.length} sent)`);
    await Promise.resolve();
    expect(order).toEqual(['asked (2 sent)', 'render (2 sent)']);
    expect(JSON.parse(fake.sent[1])).toEqual({
      id: 2,
      method: 'stepDetail',
      params: { session: 's', call: 1, step: 0 },
    });
    fake.reply({ id: 2, result: 'two' });
    expect(await second).toBe('two');
  });
});
