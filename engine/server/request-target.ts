/**
 * The request target of an HTTP request (`GET /assets/app.js?token=…`), parsed without ever
 * throwing: a client can send anything there (`//[`, `/%c0`, a NUL), and a parse error that
 * escapes the request handler kills the whole server. Only the origin form (a path starting with
 * one `/`) is accepted: it is all a browser sends to a server that is not a proxy.
 */

export interface RequestTarget {
  /** The path as sent (still percent-encoded). */
  pathname: string;
  /** The path percent-decoded: what names a file. */
  path: string;
  query: URLSearchParams;
}

/** The parsed target, or why it is malformed (the server answers 400 with it). */
export function parseRequestTarget(raw: string | undefined): RequestTarget | { malformed: string } {
  const target = raw ?? '/';
  if (!target.startsWith('/') || target.startsWith('//'))
    return { malformed: 'the request target must be a path starting with a single "/"' };
  let url: URL;
  try {
    // Prefixed with our own origin, the target can only ever be a path and a query.
    url = new URL(`http://127.0.0.1${target}`);
  } catch {
    return { malformed: 'the request target is not a valid URL path' };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { malformed: 'the path has a malformed percent-encoding (not UTF-8)' };
  }
  if (path.includes('\0')) return { malformed: 'the path contains a NUL byte' };
  return { pathname: url.pathname, path, query: url.searchParams };
}
