import WebSocket from 'ws';
import { InspectorService } from '../../engine/api/service';
import { serve } from '../../engine/server/http-server';
import { createApiClient } from '../../renderer/src/api/client';
import {
  createWebSocketTransport,
  type SocketFactory,
} from '../../renderer/src/api/websocket-transport';
import { apiSuite } from './suite';

const nodeSocket: SocketFactory = (url) =>
  new WebSocket(url) as unknown as ReturnType<SocketFactory>;

apiSuite('WebSocket (browser mode)', async (options) => {
  const service = await InspectorService.create(options);
  const server = await serve(service);
  const transport = createWebSocketTransport(
    `ws://127.0.0.1:${server.port}/api?token=${server.token}`,
    nodeSocket,
  );
  const client = createApiClient(transport);
  return {
    api: client,
    on: (event, listener) => client.on(event, listener),
    close: async () => {
      transport.close();
      await server.close();
      await service.close();
    },
  };
});
