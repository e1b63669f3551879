/**
 * A store dropped on the desktop window is a choice the user made, like one picked in the Open
 * dialog: its folder is granted to the engine so that the store can be opened (and written).
 * The path comes from the preload, which reads it off the dropped `File` with `webUtils` (the
 * preload's `droppedStore(file)` takes a File, never a path): a page cannot make a File that
 * carries a real path, so it cannot have any folder granted. Only our window's main frame may
 * ask, as for the API (ipc.ts).
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { DROPPED_STORE_CHANNEL } from '../save-script-channel';
import type { HostReply } from './engine-host-client';
import type { ApiRouting, IpcMainLike } from './ipc';

export interface DroppedStoreRouting {
  ipcMain: IpcMainLike;
  isTrustedSender: ApiRouting['isTrustedSender'];
  /** Let the engine write in `folder` (EngineHost.allowWritesIn). */
  grant(folder: string): Promise<void>;
}

function refused(code: string, message: string): HostReply {
  return { ok: false, error: { code, message, details: {} } };
}

/** Replies `{ ok: true, value: path }` once the dropped file's folder is granted. */
export function registerDroppedStore(routing: DroppedStoreRouting): void {
  routing.ipcMain.handle(DROPPED_STORE_CHANNEL, async (event, path): Promise<HostReply> => {
    if (!routing.isTrustedSender(event)) {
      return refused(
        'Forbidden',
        `refused ${DROPPED_STORE_CHANNEL} from ${event.senderFrame?.url ?? 'an unknown frame'}`,
      );
    }
    if (typeof path !== 'string' || !isAbsolute(path)) {
      return refused(
        'InvalidInput',
        `a dropped store needs an absolute path, got ${JSON.stringify(path)}`,
      );
    }
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) {
      return refused('InvalidInput', `${path} is not a file`);
    }
    await routing.grant(dirname(path));
    return { ok: true, value: path };
  });
}
