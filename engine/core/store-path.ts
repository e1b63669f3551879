/**
 * Opening a store a user names (`--store`, Open Store): a path that is not a store file gets an
 * error that says what it is, and a store that fails to open in an unforeseen way (a truncated
 * or foreign file the store code trips over) is reported as that store's error with the file's
 * size, never as an internal error.
 */
import { statSync, type Stats } from 'node:fs';
import { PiecrustError } from './errors';
import { fileKind, openError } from './user-files';

/**
 * Why `path` cannot be a store file (it exists and is a directory, a FIFO, a device…), or
 * undefined when it is a regular file or does not exist yet (a new store).
 */
export function storePathProblem(path: string): PiecrustError | undefined {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    return openError(path, 'store', e);
  }
  if (st === undefined || st.isFile()) return undefined;
  return new PiecrustError(
    'InvalidInput',
    `${path} is ${fileKind(st)}, not a store file (a .pis file, or a path where a new one is made)`,
    { path, kind: fileKind(st) },
  );
}

/** Run `open` on the store at `path` after checking the path; its errors are PiecrustErrors. */
export async function openingStore<T>(path: string, open: () => Promise<T>): Promise<T> {
  if (path === ':memory:') return open();
  const problem = storePathProblem(path);
  if (problem !== undefined) throw problem;
  try {
    return await open();
  } catch (e) {
    if (e instanceof PiecrustError) throw e;
    const size = statSync(path, { throwIfNoEntry: false })?.size;
    throw new PiecrustError(
      'PersistenceError',
      `${path}: cannot open the store${size === undefined ? '' : ` (a ${size}-byte file)`}: ${(e as Error).message}`,
      { path, fileSize: size ?? null },
    );
  }
}
