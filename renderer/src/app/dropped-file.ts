/**
 * What a file handed to the window (dropped, or picked) is for, by its name: a contract to deploy,
 * a store to open, or a script to load. Anything else is refused with the kinds that are accepted.
 */
export type DroppedFileKind = 'contract' | 'store' | 'script';

const KINDS: ReadonlyArray<[suffix: string, kind: DroppedFileKind]> = [
  ['.wasm', 'contract'],
  ['.pis', 'store'],
  ['.json', 'script'],
];

export const ACCEPTED_FILES = 'a .wasm contract, a .pis store or a .json script';

export function droppedFileKind(name: string): DroppedFileKind | undefined {
  const lower = name.toLowerCase();
  return KINDS.find(([suffix]) => lower.endsWith(suffix))?.[1];
}
