/**
 * The desktop app's Save dialog for "save session as script". The engine writes only in folders
 * the user chose, so a path typed in the window is refused outside them; instead the renderer asks
 * here (through the preload's `saveScriptDialog`, which takes no arguments), the user picks a file
 * in the OS dialog, its folder is granted to the engine host, and the renderer gets the path to
 * pass to `saveScript`. Only our window's main frame may ask, as for the API (ipc.ts): a page that
 * is not ours must not be able to pop dialogs, nor learn paths.
 */
import { dirname } from 'node:path';
import { SAVE_SCRIPT_DIALOG_CHANNEL } from '../save-script-channel';
import type { HostReply } from './engine-host-client';
import type { ApiRouting, IpcMainLike } from './ipc';

export interface SaveScriptDialogRouting {
  ipcMain: IpcMainLike;
  isTrustedSender: ApiRouting['isTrustedSender'];
  /** Show the native Save dialog (JSON files); the picked path, or undefined when cancelled. */
  showSaveDialog(): Promise<string | undefined>;
  /** Let the engine write in `folder` (EngineHost.allowWritesIn). */
  grant(folder: string): Promise<void>;
}

/**
 * Replies `{ ok: true, value: path }` once the path's folder is granted, `{ ok: true, value:
 * null }` when the user cancelled, and `Forbidden` (no dialog shown) to any other sender.
 */
export function registerSaveScriptDialog(routing: SaveScriptDialogRouting): void {
  routing.ipcMain.handle(SAVE_SCRIPT_DIALOG_CHANNEL, async (event): Promise<HostReply> => {
    if (!routing.isTrustedSender(event)) {
      return {
        ok: false,
        error: {
          code: 'Forbidden',
          message: `refused ${SAVE_SCRIPT_DIALOG_CHANNEL} from ${event.senderFrame?.url ?? 'an unknown frame'}`,
          details: {},
        },
      };
    }
    const path = await routing.showSaveDialog();
    if (path === undefined) return { ok: true, value: null };
    await routing.grant(dirname(path));
    return { ok: true, value: path };
  });
}
