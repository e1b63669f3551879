/**
 * Where the service may write: the folders the user chose, not wherever a client asks. A client
 * of the API (a browser tab, the renderer) names paths in requests; a page that is not ours, or
 * ours gone wrong, must not be able to overwrite `~/.bashrc` through `saveScript`, nor make or
 * open (and so append to) a store anywhere. Which folders count as chosen is the host's
 * decision (README "File access"): for `serve`, the folder of `--store` and every
 * `--allow-write DIR`; for the desktop app, the folders the user picks in its native dialogs.
 *
 * Paths are compared after resolving symbolic links, so a link inside a chosen folder that
 * points outside it does not lead out.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { PiecrustError } from '../core/errors';

/** The real path `path` names: its folder resolved, and the file itself when it is a link. */
function realTarget(path: string): string {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  if (!existsSync(folder)) {
    throw new PiecrustError('InvalidInput', `cannot write ${absolute}: no folder ${folder}`, {
      path: absolute,
    });
  }
  const target = join(realpathSync(folder), basename(absolute));
  return existsSync(target) ? realpathSync(target) : target;
}

export class WritableFolders {
  /** Real paths of the chosen folders; undefined: anywhere (in-process tools and tests). */
  private readonly folders: string[] | undefined;

  /** `folders`: the chosen folders (each must exist), or 'anywhere' for no restriction. */
  constructor(folders: readonly string[] | 'anywhere') {
    this.folders = folders === 'anywhere' ? undefined : [];
    if (folders !== 'anywhere') for (const f of folders) this.allow(f);
  }

  /** Add a folder the user chose (a host's native dialog, a command-line option). */
  allow(folder: string): void {
    if (this.folders === undefined) return;
    const absolute = resolve(folder);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
      throw new PiecrustError('InvalidInput', `${absolute} is not a folder`, { path: absolute });
    }
    const real = realpathSync(absolute);
    if (!this.folders.includes(real)) this.folders.push(real);
  }

  /** The chosen folders (empty when none was), or undefined when writes are unrestricted. */
  list(): readonly string[] | undefined {
    return this.folders;
  }

  /**
   * The real path to write for `path` (`what`: "the script", "a new store"…), or an InvalidInput
   * error naming the path, the folders that may be written and how to add one.
   */
  check(path: string, what: string): string {
    const folders = this.folders;
    // Unrestricted, a missing folder is the writer's error to report (ENOENT, "no store file").
    if (folders === undefined && !existsSync(dirname(resolve(path)))) return resolve(path);
    const target = realTarget(path);
    if (folders === undefined) return target;
    if (folders.some((f) => target.startsWith(f.endsWith(sep) ? f : f + sep))) return target;
    const allowed =
      folders.length === 0
        ? 'no folder was chosen'
        : `only in ${folders.map((f) => JSON.stringify(f)).join(', ')}`;
    throw new PiecrustError(
      'InvalidInput',
      `refused to write ${what} at ${target}: it is outside the folders chosen for writing (${allowed}). ` +
        'Pick a path inside one of them; with `serve`, add a folder with --allow-write DIR; ' +
        'in the desktop app, pick the file in a dialog (File › New Store…, Open Store…, or Save… for a script)',
      { path: target, allowed: folders.join(', ') },
    );
  }
}
