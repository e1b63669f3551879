/**
 * Where "save session as script" writes. The engine writes only in folders the user chose. In the
 * desktop app that choice is made in the OS's Save dialog (the preload asks the main process,
 * which grants the picked folder), so a path typed in the page is not used there. In a browser
 * tab there is no such dialog: the path is typed, and `serve --allow-write` decides.
 */
import { ApiRequestError } from './client';

/** The desktop Save dialog (the picked path, null when cancelled), or undefined in a browser. */
export function desktopSaveDialog(): (() => Promise<string | null>) | undefined {
  const bridge = window.inspector;
  if (bridge?.saveScriptDialog === undefined) return undefined;
  const ask = bridge.saveScriptDialog.bind(bridge);
  return async () => {
    const reply = await ask();
    if (!reply.ok) throw new ApiRequestError(reply.error);
    return typeof reply.value === 'string' && reply.value !== '' ? reply.value : null;
  };
}
