/**
 * The file a launch names (a store, a contract or a script): the first argument that is not a
 * switch and exists. Electron's argv starts with the executable, and in development also with
 * the app's path, so both the first and a second instance's argv skip the same prefix.
 */
export function fileArgument(
  argv: readonly string[],
  isPackaged: boolean,
  exists: (path: string) => boolean,
): string | undefined {
  return argv.slice(isPackaged ? 1 : 2).find((a) => !a.startsWith('-') && exists(a));
}
