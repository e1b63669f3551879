/**
 * The renderer's Content Security Policy. In the desktop app it is sent as a response header by
 * the app:// protocol (app-protocol.ts), which makes it the authority; renderer/index.html keeps a
 * meta tag for browser mode and development (both apply, so the stricter header wins).
 *
 * Nothing inline: the renderer's CSS is compiled by Vite into files (Vue scoped styles included),
 * and its `:style` bindings and d3's `.style()` set properties through the CSSOM, which CSP does
 * not govern — so neither `style-src` nor `style-src-attr` needs 'unsafe-inline' (every e2e test
 * fails on a CSP violation, tests/e2e/harness.ts). The desktop renderer talks to the engine only
 * through the preload bridge, so it connects to nothing but itself.
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const DESKTOP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function cspString(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Parses a policy into its directives (names lower-cased), for comparing policies. */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives[name.toLowerCase()] = sources;
  }
  return directives;
}

export const DESKTOP_CSP = cspString(DESKTOP_CSP_DIRECTIVES);
