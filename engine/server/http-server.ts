/**
 * Browser mode: the built renderer and the API over a WebSocket, on 127.0.0.1 only.
 *
 * Who may talk to it (access.ts): a client that knows the token printed at start-up; the page's
 * static files also load with a per-port asset cookie that never opens the API. Requests with a
 * wrong token, a foreign Origin or a foreign Host (DNS rebinding) get HTTP 403 and the socket is
 * closed. Nothing a client sends may stop the server: a malformed request target gets 400, and
 * any other failure while answering one request ends that request (500) and nothing else.
 * Messages over `maxMessageBytes` close the socket (1009); malformed ones get an error reply and
 * the connection stays open.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InspectorService } from '../api/service';
import { ServerAccess } from './access';
import { parseRequestTarget } from './request-target';
import { handleMessage } from './rpc';
import { contentTypeOf } from './content-types';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface ServeOptions {
  port?: number;
  /** Built renderer (index.html + assets); API only when absent. */
  staticDir?: string;
  token?: string;
  maxMessageBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A plain-text answer that ends the exchange (the connection closes after it). */
function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
    .end(`${text}\n`);
}

/** The same on a socket that asked to upgrade (no ServerResponse exists for it). */
function plainOnSocket(socket: Duplex, status: number, reason: string, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${text}\n`,
  );
  socket.destroy();
}

/**
 * The file under `staticDir` that `path` (percent-decoded) names, or undefined when it names
 * none: outside the folder, missing, or not a regular file.
 */
function staticFile(staticDir: string, path: string): string | undefined {
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(staticDir + sep)) return undefined;
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true ? file : undefined;
}

function sendFile(res: ServerResponse, path: string, extraHeaders: Record<string, string>): void {
  const type = contentTypeOf(path);
  const stream = createReadStream(path);
  // Deleted or unreadable since it was found: end this answer, not the server.
  stream.once('error', () => plain(res, 500, '500 Internal Server Error: cannot read the file'));
  stream.once('open', () => {
    res.writeHead(200, {
      'Content-Type': type ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...extraHeaders,
    });
    stream.pipe(res);
  });
}

export async function serve(
  service: InspectorService,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const access = new ServerAccess(options.token ?? randomBytes(24).toString('base64url'));
  const maxMessageBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const staticDir = options.staticDir === undefined ? undefined : resolve(options.staticDir);

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const target = parseRequestTarget(req.url);
    if ('malformed' in target) return plain(res, 400, `400 Bad Request: ${target.malformed}`);
    const why = access.refusal(req, target.query, false);
    if (why !== undefined) return plain(res, 403, `403 Forbidden: ${why}`);
    if (staticDir === undefined)
      return plain(res, 404, 'no UI is served: build the renderer first');
    const file = staticFile(staticDir, target.path);
    if (file === undefined) return plain(res, 404, '404 Not Found');
    sendFile(res, file, target.query.has('token') ? { 'Set-Cookie': access.assetCookie() } : {});
  };

  const server: Server = createServer((req, res) => {
    try {
      answer(req, res);
    } catch {
      plain(res, 500, '500 Internal Server Error');
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const clients = new Set<WebSocket>();
  const unsubscribe = service.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  const accept = (ws: WebSocket): void => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // ws answers a protocol error itself (1009 for an oversized message, 1002…) with a closing
    // handshake, still reading what the client sends; terminating here would cut that short and
    // the client would see 1006 instead of the reason.
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(
          JSON.stringify({
            id: null,
            error: {
              code: 'InvalidInput',
              message: 'malformed message: binary frames are not accepted',
              details: {},
            },
          }),
        );
        return;
      }
      void handleMessage(service, data.toString()).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Errors on a socket nobody listens to would be thrown: a reset by the client is not ours.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(req.url);
      if ('malformed' in target)
        return plainOnSocket(socket, 400, 'Bad Request', `400 Bad Request: ${target.malformed}`);
      const why =
        target.path !== '/api' ? 'unknown socket path' : access.refusal(req, target.query, true);
      if (why !== undefined)
        return plainOnSocket(socket, 403, 'Forbidden', `403 Forbidden: ${why}`);
      wss.handleUpgrade(req, socket, head, accept);
    } catch {
      plainOnSocket(socket, 500, 'Internal Server Error', '500 Internal Server Error');
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  access.port = port;
  return {
    url: `http://127.0.0.1:${port}/?token=${access.token}`,
    port,
    token: access.token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
