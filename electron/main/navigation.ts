/**
 * Where the app's pages may go: nowhere but the renderer's own origin. Links to the outside open
 * in the system browser only when on the allow-list below, and only over https.
 */
import { isRendererUrl } from './origin';

/**
 * The pages the app may open in the system browser. The renderer links to nothing today (no
 * `<a href>`, no window.open): the list holds piecrust's repository, the one outside page the app
 * is about, so that a link to it works and every other URL is refused.
 */
export const EXTERNAL_LINKS: readonly string[] = ['https://github.com/dusk-network/piecrust'];

/** Whether a page of ours may navigate (or be redirected) to `url`. */
export function navigationAllowed(url: string, rendererUrl: string): boolean {
  return isRendererUrl(url, rendererUrl);
}

/**
 * Whether `url` is one of `allowed` or below it: https only, the same host and no other port, no
 * user name or password, and the path equal to the entry's or under it as a directory.
 */
export function isAllowedExternalUrl(url: string, allowed = EXTERNAL_LINKS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '')
    return false;
  return allowed.some((entry) => {
    const e = new URL(entry);
    const base = e.pathname.replace(/\/$/, '');
    return (
      u.host === e.host &&
      (u.pathname === base || u.pathname === `${base}/` || u.pathname.startsWith(`${base}/`))
    );
  });
}
