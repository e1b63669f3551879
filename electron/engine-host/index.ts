/**
 * The engine host: a utility process running the InspectorService (store, sessions on worker
 * threads). The main process only routes messages here, so no contract code ever runs on the
 * thread that draws windows. Protocol: `{ type: 'invoke', id, method, params }` in,
 * `{ type: 'reply', id, reply }` and `{ type: 'event', event, payload }` out.
 */
import { join } from 'node:path';
import { recentFile } from '../../engine/api/recent-file';
import { InspectorService } from '../../engine/api/service';
import { dispatch } from '../../engine/server/rpc';

interface HostConfig {
  userData: string;
  samplesDir: string;
  /** The store to open (a restarted host reopens the one that was open), or `:memory:`. */
  store?: string;
}

const config = JSON.parse(process.env.PIECRUST_HOST_CONFIG ?? '{}') as HostConfig;
const options = {
  samplesDir: config.samplesDir,
  workerEntry: new URL('./session-worker.js', import.meta.url),
  recent: recentFile(join(config.userData ?? '.', 'recent-stores.json')),
};
// A store that no longer opens (moved, damaged) must not keep the engine down: start on
// `:memory:` and say why in the ready message.
let storeError: string | undefined;
const service = await InspectorService.create({ ...options, store: config.store }).catch(
  (e: unknown) => {
    storeError = e instanceof Error ? e.message : String(e);
    return InspectorService.create(options);
  },
);

const port = process.parentPort;
service.events.subscribe((event, payload) => port.postMessage({ type: 'event', event, payload }));
port.on('message', (e: Electron.MessageEvent) => {
  const message = e.data as { type?: string; id?: number; method?: unknown; params?: unknown };
  if (message.type !== 'invoke' || typeof message.id !== 'number') return;
  void dispatch(service, message.id, message.method, message.params).then((reply) =>
    port.postMessage({ type: 'reply', id: message.id, reply }),
  );
});
const { path } = await service.workspace();
port.postMessage({ type: 'ready', store: path, storeError });
