/**
 * What counts as our renderer: a URL with the renderer's scheme and host (app://renderer, or the
 * dev server's http://localhost:PORT). Used for IPC senders, navigation and permissions alike.
 * Compared by protocol and host rather than `URL.origin`, which is "null" for every non-special
 * scheme such as app: (so `app://evil` would pass an origin comparison); file: never matches,
 * since the app no longer loads from file:// and any local file could claim that origin.
 */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(rendererUrl);
    return (
      a.protocol !== 'file:' && a.protocol === b.protocol && a.host === b.host && a.host !== ''
    );
  } catch {
    return false;
  }
}
