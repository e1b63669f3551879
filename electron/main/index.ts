/**
 * Electron main process: app lifecycle, the window, menus, dialogs — and routing. The engine
 * runs in a utility process (engine-host-client.ts); this process never executes contract code.
 * The renderer is served from app:// (app-protocol.ts) under the guards of web-guards.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, webUtils } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererUrlFor, serveAppRequest } from './app-protocol';
import {
  createChosenStore,
  openAsByExtension,
  openChosenFile,
  type ChosenFileActions,
  type OpenAs,
} from './chosen-files';
import { registerApiHandlers, type ApiRouting } from './ipc';
import { fileArgument } from './launch-args';
import { startEngineHost, type EngineHost } from './engine-host-client';
import { menuTemplate, type MenuActions } from './menu';
import { isRendererUrl } from './origin';
import { registerSaveScriptDialog } from './save-script-dialog';
import { registerDroppedStore } from './dropped-store';
import { guardSession, guardWebContents } from './web-guards';
import { createMainWindow } from './window';

void webUtils; // the preload uses it; referenced so the main bundle keeps Electron's types honest
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const rendererUrl = rendererUrlFor(process.env, app.isPackaged);
// Developer tools (menu item and webPreferences) exist in development builds only.
const devTools = !app.isPackaged;

// Before ready: app:// must be privileged before any page loads, and every web contents (the
// window's, or any created later) guarded from its creation.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.on('web-contents-created', (_event, contents) => guardWebContents(contents, rendererUrl));
const samplesDir = app.isPackaged
  ? join(process.resourcesPath, 'contracts') + '/'
  : join(here, '../../contracts/build/');

let window: BrowserWindow | undefined;
let host: EngineHost;

function send(event: string, payload: unknown): void {
  window?.webContents.send('engine:event', { event, payload });
}

async function call(method: string, params: unknown): Promise<unknown> {
  const reply = await host.invoke(method, params);
  if (!reply.ok) {
    dialog.showErrorBox('Piecrust Inspector', `${reply.error.code}: ${reply.error.message}`);
    return undefined;
  }
  return reply.value;
}

/** The user chose these files (dialogs, the command line, the OS): their folders are granted. */
const chosenFiles: ChosenFileActions = {
  exists: existsSync,
  grant: (folder) => host.allowWritesIn(folder),
  call,
  send,
};

/** A file given on the command line, picked in a dialog or opened via the OS. */
function openPath(path: string, as: OpenAs = openAsByExtension(path)): Promise<void> {
  return openChosenFile(path, as, chosenFiles);
}

/** Only our window's main frame, showing our renderer, reaches the engine or the dialogs. */
function isTrustedSender(event: Parameters<ApiRouting['isTrustedSender']>[0]): boolean {
  return (
    window !== undefined &&
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    isRendererUrl(event.senderFrame.url, rendererUrl)
  );
}

async function refreshMenu(): Promise<void> {
  const recent =
    ((await host.invoke('recentWorkspaces', {})) as { ok: boolean; value?: string[] }).value ?? [];
  const actions: MenuActions = {
    newStore: async () => {
      const r = await dialog.showSaveDialog({
        title: 'New Store',
        defaultPath: 'state.pis',
        filters: [{ name: 'Piecrust store', extensions: ['pis'] }],
      });
      if (!r.canceled && r.filePath !== undefined) await createChosenStore(r.filePath, chosenFiles);
    },
    openStore: async () => {
      const r = await dialog.showOpenDialog({
        title: 'Open Store',
        properties: ['openFile'],
        filters: [
          { name: 'Piecrust store', extensions: ['pis'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (!r.canceled && r.filePaths[0] !== undefined) await openPath(r.filePaths[0]);
    },
    openRecent: (path) => void openPath(path),
    openContract: async () => {
      const r = await dialog.showOpenDialog({
        title: 'Open Contract',
        properties: ['openFile'],
        filters: [{ name: 'WebAssembly', extensions: ['wasm'] }],
      });
      if (!r.canceled && r.filePaths[0] !== undefined) await openPath(r.filePaths[0], 'contract');
    },
    runScript: async () => {
      const r = await dialog.showOpenDialog({
        title: 'Run Script',
        properties: ['openFile'],
        filters: [{ name: 'Script', extensions: ['json'] }],
      });
      if (!r.canceled && r.filePaths[0] !== undefined) await openPath(r.filePaths[0], 'script');
    },
    closeStore: () => void call('closeWorkspace', {}),
    about: () =>
      void dialog.showMessageBox({
        title: 'Piecrust Inspector',
        message: `Piecrust Inspector ${app.getVersion()}`,
        detail: 'A state inspector for piecrust smart contracts.',
      }),
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(actions, recent, { isMac: process.platform === 'darwin', devTools }),
    ),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (window !== undefined) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const file = fileArgument(argv, app.isPackaged, existsSync);
    if (file !== undefined) void openPath(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openPath(path);
  });
  void app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
    guardSession(session.defaultSession, rendererUrl);
    host = startEngineHost(join(here, 'engine-host.js'), {
      userData: app.getPath('userData'),
      samplesDir,
    });
    host.onEvent(send);
    // File › Open Recent follows stores opened from the sidebar too, not only from the menu.
    host.onEvent((event) => {
      if (event === 'workspaceChanged') void refreshMenu();
    });
    registerApiHandlers({
      ipcMain,
      invoke: (method, params) => host.invoke(method, params),
      isTrustedSender,
    });
    registerSaveScriptDialog({
      ipcMain,
      isTrustedSender,
      showSaveDialog: async () => {
        const options: Electron.SaveDialogOptions = {
          title: 'Save Script',
          defaultPath: 'session.json',
          filters: [{ name: 'Script', extensions: ['json'] }],
          properties: ['showOverwriteConfirmation', 'createDirectory'],
        };
        const r = await (window === undefined
          ? dialog.showSaveDialog(options)
          : dialog.showSaveDialog(window, options));
        return r.canceled || r.filePath === undefined || r.filePath === '' ? undefined : r.filePath;
      },
      grant: (folder) => host.allowWritesIn(folder),
    });
    registerDroppedStore({
      ipcMain,
      isTrustedSender,
      grant: (folder) => host.allowWritesIn(folder),
    });
    window = createMainWindow({
      preload: join(here, '../preload/index.cjs'),
      userData: app.getPath('userData'),
      rendererUrl,
      devTools,
    });
    window.on('closed', () => (window = undefined));
    await refreshMenu();
    const file = fileArgument(process.argv, app.isPackaged, existsSync);
    if (file !== undefined) await openPath(file);
  });
  app.on('window-all-closed', () => {
    host?.stop();
    app.quit();
  });
}
