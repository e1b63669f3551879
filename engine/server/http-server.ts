/**
 * Browser mode: the built renderer and the API over a WebSocket, on 127.0.0.1 only.
 *
 * Who may talk to it: a client that knows the token printed at start-up. The page is opened
 * with `?token=…`, which sets an HttpOnly, SameSite=Strict cookie for its assets and socket;
 * other clients pass `?token=` on the socket URL. Requests with a wrong token, a foreign Origin
 * or a foreign Host (DNS rebinding) get HTTP 403 and the socket is closed. Messages over
 * `maxMessageBytes` close the socket (1009); malformed ones get an error reply and the
 * connection stays open.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InspectorService } from '../api/service';
import { handleMessage } from './rpc';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
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

const COOKIE = 'pi_token';

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

export async function serve(
  service: InspectorService,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxMessageBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const staticDir = options.staticDir === undefined ? undefined : resolve(options.staticDir);
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  /** Why a request is refused, or undefined when it is allowed. */
  const refusal = (req: IncomingMessage, url: URL): string | undefined => {
    if (!allowedHosts().includes(req.headers.host ?? ''))
      return `foreign Host ${req.headers.host ?? '(none)'}`;
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin))
      return `foreign Origin ${origin}`;
    const given = url.searchParams.get('token') ?? cookieToken(req);
    if (!sameToken(given ?? undefined, token))
      return given === undefined || given === null ? 'missing token' : 'wrong token';
    return undefined;
  };

  const sendFile = (
    res: ServerResponse,
    path: string,
    extraHeaders: Record<string, string> = {},
  ): void => {
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...extraHeaders,
    });
    createReadStream(path).pipe(res);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const why = refusal(req, url);
    if (why !== undefined) {
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`403 Forbidden: ${why}\n`);
      return;
    }
    if (staticDir === undefined) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('no UI is served: build the renderer first\n');
      return;
    }
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const path = normalize(join(staticDir, relative));
    if (!path.startsWith(staticDir + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not Found\n');
      return;
    }
    const cookie: Record<string, string> = url.searchParams.has('token')
      ? { 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
      : {};
    sendFile(res, path, cookie);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const clients = new Set<WebSocket>();
  const unsubscribe = service.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const why = url.pathname !== '/api' ? 'unknown socket path' : refusal(req, url);
    if (why !== undefined) {
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n403 Forbidden: ${why}\n`,
      );
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => ws.terminate());
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
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
