/**
 * The main window: locked down (context isolation, sandbox, no Node, no navigation, no new
 * windows), its size and position remembered, following the OS light/dark setting.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, nativeTheme, screen, shell } from 'electron';
import { windowOptions, type WindowState } from './window-options';

function loadState(file: string): WindowState | undefined {
  try {
    if (!existsSync(file)) return undefined;
    const state = JSON.parse(readFileSync(file, 'utf8')) as WindowState;
    // Only restore bounds that are still on a connected display.
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      const b = state.bounds;
      return (
        b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y
      );
    });
    return visible ? state : undefined;
  } catch {
    return undefined;
  }
}

export function createMainWindow(options: {
  preload: string;
  userData: string;
  rendererUrl: string;
}): BrowserWindow {
  nativeTheme.themeSource = 'system';
  const stateFile = join(options.userData, 'window-state.json');
  const state = loadState(stateFile);
  const win = new BrowserWindow(windowOptions(options.preload, state));
  if (state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const save = (): void => {
    const current: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(stateFile, JSON.stringify(current));
    } catch {
      // Not being able to remember the window is not worth an error dialog.
    }
  };
  win.on('close', save);
  // No navigation away from the app and no new windows; links open in the system browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(options.rendererUrl);
  return win;
}
