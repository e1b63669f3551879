/**
 * The engine host: a utility process running the InspectorService (store, sessions on worker
 * threads). The main process only routes messages here, so no contract code ever runs on the
 * thread that draws windows. Protocol (messages.ts): `{ type: 'invoke', id, method, params }` and
 * main's own `{ type: 'allowWritesIn', folder }` in; `{ type: 'reply', id, reply }` and
 * `{ type: 'event', event, payload }` out.
 *
 * The API writes only in the folders the user chose (README, "Browser mode: access and files",
 * Writing): those known at start (start-folders.ts), then each one main grants as the user picks
 * files.
 */
import { join } from 'node:path';
import { recentFile } from '../../engine/api/recent-file';
import { InspectorService } from '../../engine/api/service';
import { handleHostMessage } from './messages';
import { isFolder, startFolders } from './start-folders';

interface HostConfig {
  userData: string;
  samplesDir: string;
  /** The store to open (a restarted host reopens the one that was open), or `:memory:`. */
  store?: string;
  /** Folders main granted to an earlier host of this run (a restart keeps them). */
  granted?: unknown;
}

const config = JSON.parse(process.env.PIECRUST_HOST_CONFIG ?? '{}') as HostConfig;
const recent = recentFile(join(config.userData ?? '.', 'recent-stores.json'));
const options = {
  samplesDir: config.samplesDir,
  workerEntry: new URL('./session-worker.js', import.meta.url),
  recent,
  writableFolders: startFolders(
    {
      store: config.store,
      recent: recent.load(),
      granted: Array.isArray(config.granted)
        ? config.granted.filter((f): f is string => typeof f === 'string')
        : [],
    },
    isFolder,
  ),
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
  void handleHostMessage(e.data, service, {
    post: (message) => port.postMessage(message),
    complain: (text) => console.error(text),
  });
});
const { path } = await service.workspace();
port.postMessage({ type: 'ready', store: path, storeError });
