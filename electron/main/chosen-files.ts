/**
 * Files the user chose through the OS — a native dialog (New Store, Open Store, Open Contract,
 * Run Script), the command line, a second launch, macOS "open with" — and what the main process
 * does with them. The engine writes only in folders the user chose (README, "Browser mode:
 * access and files", Writing), so each such file's folder is granted to the engine host *before*
 * the request that uses it: the grant and the request travel on the one ordered channel to the
 * host, grant first, and a store created in a freshly picked folder is not refused.
 *
 * The dependencies come in as parameters so the order is tested without Electron.
 */
import { dirname, extname, resolve } from 'node:path';

export interface ChosenFileActions {
  exists(path: string): boolean;
  /** Tell the engine host the user chose `folder` (main's own message, not an API request). */
  grant(folder: string): Promise<void>;
  /** An API request to the engine host (its errors are shown by the caller). */
  call(method: string, params: unknown): Promise<unknown>;
  /** A command for the window (`menuCommand`): the renderer opens the file in its view. */
  send(event: string, payload: unknown): void;
}

/** What a chosen file is opened as: by the dialog it came from, or by its extension. */
export type OpenAs = 'store' | 'contract' | 'script';

export function openAsByExtension(path: string): OpenAs {
  const ext = extname(path);
  return ext === '.wasm' ? 'contract' : ext === '.json' ? 'script' : 'store';
}

/** Open a file the user chose, after granting its folder. A path that is not there is ignored. */
export async function openChosenFile(
  path: string,
  as: OpenAs,
  actions: ChosenFileActions,
): Promise<void> {
  if (!actions.exists(path)) return;
  const absolute = resolve(path);
  await actions.grant(dirname(absolute));
  if (as === 'contract') actions.send('menuCommand', { command: 'openContract', path: absolute });
  else if (as === 'script') actions.send('menuCommand', { command: 'runScript', path: absolute });
  else await actions.call('openWorkspace', { path: absolute });
}

/** Create a store where the user chose (File › New Store…), after granting its folder. */
export async function createChosenStore(path: string, actions: ChosenFileActions): Promise<void> {
  const absolute = resolve(path);
  await actions.grant(dirname(absolute));
  await actions.call('newWorkspace', { path: absolute });
}
