/**
 * Which web permissions the renderer gets: the one it uses — writing text to the clipboard (copy
 * an id or a root) — and only for our own page. Everything else (camera, notifications, HID,
 * opening external protocols, …) is refused, whoever asks.
 */
import { isRendererUrl } from './origin';

export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** `requester` is the requesting URL or origin as Electron reports it. */
export function permissionGranted(
  permission: string,
  requester: string,
  rendererUrl: string,
): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isRendererUrl(requester, rendererUrl);
}
