/**
 * The application menu. The template is built by a pure function from the actions it triggers,
 * so its structure is tested without Electron. Developer tools are offered only in development
 * builds: a packaged app has no console into which pasted code could drive the engine API.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newStore(): void;
  openStore(): void;
  openRecent(path: string): void;
  openContract(): void;
  runScript(): void;
  closeStore(): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** True in development only (`!app.isPackaged`). */
  devTools: boolean;
}

export function menuTemplate(
  actions: MenuActions,
  recent: string[],
  { isMac, devTools }: MenuOptions,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Store…', accelerator: 'CmdOrCtrl+N', click: () => actions.newStore() },
      { label: 'Open Store…', accelerator: 'CmdOrCtrl+O', click: () => actions.openStore() },
      {
        label: 'Open Recent',
        submenu:
          recent.length === 0
            ? [{ label: 'No recent stores', enabled: false }]
            : recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })),
      },
      { type: 'separator' },
      {
        label: 'Open Contract…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openContract(),
      },
      { label: 'Run Script…', accelerator: 'CmdOrCtrl+R', click: () => actions.runScript() },
      { type: 'separator' },
      { label: 'Close Store', click: () => actions.closeStore() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools
        ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About Piecrust Inspector', click: () => actions.about() }],
  };
  const template: MenuItemConstructorOptions[] = [
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
  if (isMac) template.unshift({ role: 'appMenu' });
  return template;
}
