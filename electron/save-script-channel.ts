/**
 * The IPC channel of the desktop Save dialog for scripts (main/save-script-dialog.ts), shared by
 * the main process and the preload. A module of its own: the sandboxed preload can import nothing
 * that needs Node (main's handler uses node:path).
 */
export const SAVE_SCRIPT_DIALOG_CHANNEL = 'dialog:saveScript';
