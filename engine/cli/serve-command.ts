/**
 * `piecrust-inspector serve [--store FILE] [--port N] [--static DIR] [--piecrust head|0.19]
 * [--allow-write DIR]…`: browser mode. The inspector service and the built renderer on
 * 127.0.0.1, guarded by a token printed in the URL. `--piecrust` is the gas table of new sessions
 * that pick none (on genesis, or on a commit without a recorded table; sessions on a commit
 * continue in its table). The API writes (stores, saved scripts) only in the folders chosen on
 * the command line: the `--store` file's and each `--allow-write DIR` (a browser tab has no
 * native dialog to pick one in).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PiecrustError } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import { defaultRecentFile, recentFile } from '../api/recent-file';
import { InspectorService } from '../api/service';
import { serve } from '../server/http-server';
import type { Output } from './run-command';
import { UsageError } from './args';

/** The renderer built by `npm run build` (out/renderer), found from the CLI bundle or sources. */
export function defaultStaticDir(): string | undefined {
  for (const relative of ['../renderer/', '../../out/renderer/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}

/**
 * `--port`: decimal digits naming 0..65535 (0: any free port), 0 when absent. `Number` alone
 * would take "", " ", "0x50" and "1e3" as ports.
 */
export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535))
    throw new UsageError(`--port must be a whole number in 0..65535, got "${text}"`);
  return port;
}

export async function serveCommand(
  options: {
    store?: string;
    port?: string;
    staticDir?: string;
    gasTable?: GasTableName;
    /** Time limit of every call (the service's own default when absent). */
    timeoutMs?: number;
    allowWrite?: readonly string[];
  },
  io: Output,
): Promise<{ close(): Promise<void>; url: string }> {
  const port = parsePort(options.port);
  const staticDir = options.staticDir ?? defaultStaticDir();
  const writableFolders = [
    ...(options.store === undefined || options.store === ':memory:'
      ? []
      : [dirname(resolve(options.store))]),
    ...(options.allowWrite ?? []),
  ];
  const service = await InspectorService.create({
    store: options.store,
    recent: recentFile(defaultRecentFile()),
    gasTable: options.gasTable,
    callTimeoutMs: options.timeoutMs,
    writableFolders,
  });
  let server;
  try {
    server = await serve(service, { port, staticDir });
  } catch (e) {
    await service.close(); // releases the store's lock
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new PiecrustError(
        'InvalidInput',
        `cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'} (pick another --port, or 0 for any free one)`,
        { port, reason: code },
      );
    }
    throw e;
  }
  if (staticDir === undefined)
    io.err('note: no built renderer found (run `npm run build`): serving the API only');
  io.out(`Serving on ${server.url}`);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await service.close();
    },
  };
}
