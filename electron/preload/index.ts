/**
 * The preload bridge: exactly what the renderer may do with the main process — invoke an API
 * method (names checked against the InspectorApi), listen to pushed events, get the path of a
 * file dropped on the window, ask for the native Save dialog of a script (no arguments: the
 * page cannot suggest a path; main grants the picked folder to the engine and returns the path),
 * and have a dropped store's folder granted (a File, not a path: main/dropped-store.ts).
 * Neither `ipcRenderer` nor its event objects reach the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHODS, channelOf, type ApiMethod } from '../../engine/api/types';
import { DROPPED_STORE_CHANNEL, SAVE_SCRIPT_DIALOG_CHANNEL } from '../save-script-channel';

const methods = new Set<string>(API_METHODS);

contextBridge.exposeInMainWorld('inspector', {
  invoke(method: string, params: unknown): Promise<unknown> {
    if (!methods.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'InvalidInput', message: `unknown method ${method}`, details: {} },
      });
    }
    return ipcRenderer.invoke(channelOf(method as ApiMethod), params);
  },
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    const handler = (_e: unknown, message: { event: string; payload: unknown }): void =>
      listener(message.event, message.payload);
    ipcRenderer.on('engine:event', handler);
    return () => ipcRenderer.removeListener('engine:event', handler);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  saveScriptDialog(): Promise<unknown> {
    return ipcRenderer.invoke(SAVE_SCRIPT_DIALOG_CHANNEL);
  },
  // A File, never a path: only a file the user really dropped has one (webUtils reads it here).
  droppedStore(file: File): Promise<unknown> {
    return ipcRenderer.invoke(DROPPED_STORE_CHANNEL, webUtils.getPathForFile(file));
  },
});
