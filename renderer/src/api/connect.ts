/**
 * Which transport this page uses: the Electron preload bridge when present, otherwise the
 * WebSocket of browser mode on the server that served the page (its cookie carries the token).
 */
import { createApiClient, type ApiClient } from './client';
import { createIpcTransport, type InspectorBridge } from './ipc-transport';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    inspector?: InspectorBridge;
  }
}

export function connectApi(): ApiClient {
  if (window.inspector !== undefined) return createApiClient(createIpcTransport(window.inspector));
  const url = new URL('/api', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(window.location.search).get('token');
  if (token !== null) url.searchParams.set('token', token);
  return createApiClient(createWebSocketTransport(url.toString()));
}
