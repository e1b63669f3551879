/**
 * Where the session worker's script is. Bundled builds (CLI, Electron) ship
 * `session-worker.mjs` next to the bundle that imports this; running from TypeScript sources
 * (tests, `tsx`), a small bootstrap registers the TypeScript loader first.
 */
export function sessionWorkerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./session-worker-dev.mjs', here);
  // A bundle: the worker was built next to it, with the same extension.
  const extension = /\.[cm]?js$/.exec(here)?.[0] ?? '.mjs';
  return new URL(`./session-worker${extension}`, here);
}
