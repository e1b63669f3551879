import { pathToFileURL } from 'node:url';

/**
 * Where the session worker's script is. Bundled builds (CLI, Electron) ship
 * `session-worker.mjs` next to the bundle that imports this; running from TypeScript sources
 * (tests, `tsx`), a small bootstrap registers the TypeScript loader first, unless
 * PIECRUST_SESSION_WORKER names a bundle of the worker made from those sources (the tests make
 * one per run: tests/session-worker-setup.mjs; loading every source file through tsx in each new
 * thread takes seconds). Bundles ignore the variable: they always use the worker built with them.
 */
export function sessionWorkerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const bundled = process.env.PIECRUST_SESSION_WORKER;
    return bundled ? pathToFileURL(bundled) : new URL('./session-worker-dev.mjs', here);
  }
  // A bundle: the worker was built next to it, with the same extension.
  const extension = /\.[cm]?js$/.exec(here)?.[0] ?? '.mjs';
  return new URL(`./session-worker${extension}`, here);
}
