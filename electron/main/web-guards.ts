/**
 * Electron wiring of the navigation and permission rules (navigation.ts, permissions.ts, which
 * hold the decisions and their tests). Applied to every web contents the app ever creates, not
 * only the main window, so nothing created later escapes them.
 */
import { shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, navigationAllowed } from './navigation';
import { permissionGranted } from './permissions';

export function guardSession(session: Session, rendererUrl: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl, rendererUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin, rendererUrl),
  );
  // USB, HID and serial devices: none, ever.
  session.setDevicePermissionHandler(() => false);
}

export function guardWebContents(contents: WebContents, rendererUrl: string): void {
  const refuseForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!navigationAllowed(event.url, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  // A navigation that starts at our origin and is redirected elsewhere.
  contents.on('will-redirect', refuseForeign);
  contents.setWindowOpenHandler(({ url }) => {
    // Only allow-listed https pages, in the system browser; the app never opens a window.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
