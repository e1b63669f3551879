/**
 * IPC channels of the desktop app's own (non-API) requests, shared by the main process and the
 * preload: the Save dialog for scripts (main/save-script-dialog.ts) and the grant of a dropped
 * store's folder (main/dropped-store.ts). A module of its own: the sandboxed preload can import
 * nothing that needs Node (main's handlers use node:path).
 */
export const SAVE_SCRIPT_DIALOG_CHANNEL = 'dialog:saveScript';
export const DROPPED_STORE_CHANNEL = 'files:droppedStore';
