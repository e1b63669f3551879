/**
 * Electron main process: app lifecycle, the window, menus, dialogs — and routing. The engine
 * runs in a utility process (engine-host-client.ts); this process never executes contract code.
 * The renderer is served from app:// (app-protocol.ts) under the guards of web-guards.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, webUtils } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererUrlFor, serveAppRequest } from './app-protocol';
import { registerApiHandlers } from './ipc';
import { fileArgument } from './launch-args';
import { startEngineHost, type EngineHost } from './engine-host-client';
import { menuTemplate, type MenuActions } from './menu';
import { isRendererUrl } from './origin';
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

/** A store or a contract given on the command line, dropped on the window, or opened via the OS. */
async function openPath(path: string): Promise<void> {
  if (!existsSync(path)) return;
  if (extname(path) === '.wasm') send('menuCommand', { command: 'openContract', path });
  else if (extname(path) === '.json') send('menuCommand', { command: 'runScript', path });
  else await call('openWorkspace', { path });
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
      if (!r.canceled && r.filePath !== undefined) await call('newWorkspace', { path: r.filePath });
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
      if (!r.canceled && r.filePaths[0] !== undefined)
        send('menuCommand', { command: 'openContract', path: r.filePaths[0] });
    },
    runScript: async () => {
      const r = await dialog.showOpenDialog({
        title: 'Run Script',
        properties: ['openFile'],
        filters: [{ name: 'Script', extensions: ['json'] }],
      });
      if (!r.canceled && r.filePaths[0] !== undefined)
        send('menuCommand', { command: 'runScript', path: r.filePaths[0] });
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
      isTrustedSender: (event) =>
        window !== undefined &&
        event.sender === window.webContents &&
        event.senderFrame !== null &&
        isRendererUrl(event.senderFrame.url, rendererUrl),
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
