/**
 * Who may use the browser-mode server. Two credentials:
 *
 * - the **token**, printed at start-up in the URL: the page is opened with `?token=…`, and the
 *   page passes it on its API socket's URL. Only the token opens the API.
 * - an **asset cookie**, set when the page is served with the token, so that the page's own
 *   scripts and styles load. Cookies ignore ports: every server on 127.0.0.1 (a dev server,
 *   another local app) receives them, and a page on any port of 127.0.0.1 counts as same-site
 *   for `SameSite`. So the cookie never carries the token: it holds a second random key that
 *   opens static files only (the app's public code), never the socket. Its name carries the
 *   port, so two servers never overwrite each other's; `HttpOnly` keeps it from scripts,
 *   `SameSite=Strict` from other sites, `Path=/` is the app's whole tree.
 *
 * Requests with a foreign Host (DNS rebinding) or a foreign Origin are refused even with the
 * token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

function same(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at >= 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export class ServerAccess {
  private readonly assetKey = randomBytes(24).toString('base64url');
  /** Set once the server listens (the port is in the cookie's name and the allowed Host). */
  port = 0;

  constructor(readonly token: string) {}

  get cookieName(): string {
    return `piecrust_inspector_${this.port}`;
  }

  /** The Set-Cookie header for a page served with the token. */
  assetCookie(): string {
    return `${this.cookieName}=${this.assetKey}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /**
   * Why a request is refused, or undefined when it may go on. `api`: the request opens the API
   * socket (the token only), else it fetches a static file (the token or the asset cookie).
   */
  refusal(req: IncomingMessage, query: URLSearchParams, api: boolean): string | undefined {
    const hosts = [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
    if (!hosts.includes(req.headers.host ?? ''))
      return `foreign Host ${req.headers.host ?? '(none)'}`;
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
      return `foreign Origin ${origin}`;
    const given = query.get('token') ?? undefined;
    if (given !== undefined) return same(given, this.token) ? undefined : 'wrong token';
    if (!api && same(cookieValue(req, this.cookieName), this.assetKey)) return undefined;
    return 'missing token';
  }
}
