/**
 * The app:// protocol that serves the built renderer (Electron security checklist: prefer a
 * custom protocol to file://). A file:// page may read any file:// URL the user can; an app://
 * page has one origin, `app://renderer`, whose only content is the renderer's build directory.
 * No Electron import here: the handler speaks web Request/Response, so it is tested in Node.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../engine/server/content-types';
import type { CustomScheme } from 'electron';
import { DESKTOP_CSP } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: a real origin and relative URLs; secure: a secure context, as https would be;
 * supportFetchAPI: module scripts are fetched. Not bypassCSP, corsEnabled or service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * The URL the window loads: the app:// renderer, or electron-vite's dev server (with hot reload)
 * when it says so — but never in a packaged app, where the environment must not be able to point
 * the window, and with it the preload's engine API, at another page.
 */
export function rendererUrlFor(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): string {
  const dev = env.ELECTRON_RENDERER_URL;
  return !isPackaged && dev !== undefined && dev !== '' ? dev : APP_INDEX_URL;
}

export type AppPath = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * The file an app:// URL names inside `rendererDir`, or why there is none: another scheme or
 * host (403), an undecodable path (400), a path that leaves the directory once decoded (403:
 * `..%2f`, encoded backslashes, absolute paths).
 */
export function resolveAppPath(url: string, rendererDir: string): AppPath {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST)
    return { ok: false, status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // No asset name has a NUL or a backslash (a separator on Windows): refuse both everywhere.
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400 };
  const root = resolve(rendererDir);
  const file = resolve(root, path === '/' || path === '' ? 'index.html' : `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    return { ok: false, status: 403 };
  return { ok: true, path: file };
}

/** Every response carries the CSP (the header is the policy's authority) and no sniffing. */
export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(path) ?? 'application/octet-stream',
    'Content-Security-Policy': DESKTOP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/**
 * The protocol handler. Symbolic links are not resolved: the directory is the app's own build
 * output (inside app.asar when packaged, whose integrity the fuses check), so a link in it could
 * only be put there by someone who can already change the app.
 */
export async function serveAppRequest(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response(null, { status: 405 });
  const target = resolveAppPath(request.url, rendererDir);
  if (!target.ok) return new Response(null, { status: target.status });
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(target.path));
  } catch {
    return new Response(null, { status: 404 }); // missing, or a directory
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: appResponseHeaders(target.path),
  });
}
