/**
 * The folders the engine host lets the API write in when it starts (README, "Browser mode: access
 * and files", Writing): the ones the user already chose. That is the folder of the store it opens
 * (a restarted host reopens the store that was open), the folders of the stores in its recent
 * list (each was picked in a dialog or opened where writing was allowed), and the folders the
 * main process granted before a restart (its dialogs, the command line), which a crash must not
 * revoke.
 *
 * A folder that is gone (a recent store on an unplugged disk, a deleted directory) is left out:
 * `WritableFolders` refuses to be created with a missing folder, and one stale entry must not
 * keep the engine down.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

export interface StartFolderSources {
  /** The store the host opens at start; undefined or `:memory:` for none. */
  store: string | undefined;
  /** The host's recent stores (absolute paths, as the service records them). */
  recent: readonly string[];
  /** Folders the main process granted to an earlier host of this app run. */
  granted: readonly string[];
}

/** The folders to create the service with: existing ones only, each once, in source order. */
export function startFolders(
  sources: StartFolderSources,
  isFolder: (path: string) => boolean,
): string[] {
  const stores = [
    ...(sources.store === undefined || sources.store === ':memory:'
      ? []
      : [resolve(sources.store)]),
    // The service records stores by absolute path; anything else in the file (hand-edited, or
    // damaged) names no store the user chose, and `dirname('')` would grant the working folder.
    ...sources.recent.filter((p) => isAbsolute(p)),
  ];
  const candidates = [
    ...stores.map((p) => dirname(resolve(p))),
    ...sources.granted.filter((f) => isAbsolute(f)).map((f) => resolve(f)),
  ];
  return [...new Set(candidates)].filter((folder) => isFolder(folder));
}

/** True when `path` is a folder now (the check `startFolders` is given outside tests). */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
