/**
 * BrowserWindow options of the main window: the security settings live here, pure, so that a
 * test checks them without Electron.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_BOUNDS: Rectangle = { x: 0, y: 0, width: 1400, height: 900 };

/**
 * The BrowserWindow options; pure, so the security settings are tested without Electron.
 * `devTools` is true in development builds only.
 */
export function windowOptions(
  preload: string,
  state: WindowState | undefined,
  devTools: boolean,
): BrowserWindowConstructorOptions {
  const bounds = state?.bounds ?? DEFAULT_BOUNDS;
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Piecrust Inspector',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools,
      // A file dropped outside the page's drop zones must not navigate the window to file://.
      navigateOnDragDrop: false,
      // Middle-click (auxclick) on a link would ask for a new window; the app opens none.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
