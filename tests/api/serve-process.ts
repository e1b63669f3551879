/**
 * The real `piecrust-inspector serve` as a child process (the built CLI, `npm run build`), and
 * the raw ways a hostile client talks to it: bytes on a TCP socket, WebSocket messages.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const BIN = new URL('../../bin/piecrust-inspector.js', import.meta.url).pathname;

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  stderr(): string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/** Start `serve --port 0 ARGS…` with its recent-stores list in `configHome`. */
export async function startServe(args: string[], configHome: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: configHome },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const [, port, token] = await new Promise<RegExpExecArray>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^Serving on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)$/.exec(line);
      if (m !== null) resolve(m);
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) first: ${stderr}`)));
  });
  return {
    child,
    port: Number(port),
    token,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Send `request` as raw bytes; the whole answer (until the server closes or 2 s pass). */
export function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** An API socket with the token; `call` sends one request and resolves to its reply. */
export async function apiSocket(
  port: number,
  token: string,
): Promise<{
  ws: WebSocket;
  call(method: string, params: unknown): Promise<{ result?: unknown; error?: ApiErrorReply }>;
}> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: ApiErrorReply }) => void>();
  ws.on('message', (data) => {
    const reply = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: ApiErrorReply;
    };
    if (typeof reply.id === 'number') waiting.get(reply.id)?.(reply);
  });
  return {
    ws,
    call: (method, params) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
  };
}

export interface ApiErrorReply {
  code: string;
  message: string;
  details: Record<string, unknown>;
}
