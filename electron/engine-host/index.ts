/**
 * The engine host: a utility process running the InspectorService (store, sessions on worker
 * threads). The main process only routes messages here, so no contract code ever runs on the
 * thread that draws windows. Protocol: `{ type: 'invoke', id, method, params }` in,
 * `{ type: 'reply', id, reply }` and `{ type: 'event', event, payload }` out.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InspectorService } from '../../engine/api/service';
import { dispatch } from '../../engine/server/rpc';

interface HostConfig {
  userData: string;
  samplesDir: string;
}

const config = JSON.parse(process.env.PIECRUST_HOST_CONFIG ?? '{}') as HostConfig;
const recentFile = join(config.userData ?? '.', 'recent-stores.json');

const service = await InspectorService.create({
  samplesDir: config.samplesDir,
  workerEntry: new URL('./session-worker.js', import.meta.url),
  recent: {
    load: () => (existsSync(recentFile) ? (JSON.parse(readFileSync(recentFile, 'utf8')) as string[]) : []),
    save: (paths) => {
      mkdirSync(dirname(recentFile), { recursive: true });
      writeFileSync(recentFile, JSON.stringify(paths));
    },
  },
});

const port = process.parentPort;
service.events.subscribe((event, payload) => port.postMessage({ type: 'event', event, payload }));
port.on('message', (e: Electron.MessageEvent) => {
  const message = e.data as { type?: string; id?: number; method?: unknown; params?: unknown };
  if (message.type !== 'invoke' || typeof message.id !== 'number') return;
  void dispatch(service, message.id, message.method, message.params).then((reply) =>
    port.postMessage({ type: 'reply', id: message.id, reply }),
  );
});
port.postMessage({ type: 'ready' });
