/**
 * `piecrust-inspector serve [--store FILE] [--port N] [--static DIR]`: browser mode. The inspector
 * service and the built renderer on 127.0.0.1, guarded by a token printed in the URL.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

export async function serveCommand(
  options: { store?: string; port?: string; staticDir?: string },
  io: Output,
): Promise<{ close(): Promise<void>; url: string }> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${options.port}`);
  const staticDir = options.staticDir ?? defaultStaticDir();
  const service = await InspectorService.create({
    store: options.store,
    recent: recentFile(defaultRecentFile()),
  });
  const server = await serve(service, { port, staticDir });
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
