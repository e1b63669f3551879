/**
 * The main window: locked down (context isolation, sandbox, no Node: window-options.ts; no
 * navigation and no new windows: web-guards.ts), its size and position remembered, following the
 * OS light/dark setting.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, nativeTheme, screen } from 'electron';
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
  devTools: boolean;
}): BrowserWindow {
  nativeTheme.themeSource = 'system';
  const stateFile = join(options.userData, 'window-state.json');
  const state = loadState(stateFile);
  // Electronegativity reads webPreferences only from an object literal at `new BrowserWindow`;
  // they come from windowOptions(), whose test checks contextIsolation, sandbox and Auxclick off.
  const settings = windowOptions(options.preload, state, options.devTools);
  const win = new BrowserWindow(settings); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
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
  void win.loadURL(options.rendererUrl);
  return win;
}
