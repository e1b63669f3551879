/**
 * The open store (workspace) and the ABI sizes a client lays memory out by. Part of the
 * InspectorApi's data, re-exported by engine/api/types.ts.
 */
export interface WorkspaceInfo {
  /** Store file path, or `:memory:`. */
  path: string;
  commits: number;
  sessions: number;
  bytes?: number;
  /** piecrust's ABI sizes the engine runs with, for the renderer to lay memory out by. */
  abi: AbiSizes;
}

/**
 * The sizes of engine/core/abi.ts a client needs: a wasm page (the unit memory is written,
 * stored and diffed in) and the argument buffer `A`. Sent with the workspace info, which every
 * client loads first and gets again with every workspace change.
 */
export interface AbiSizes {
  pageSize: number;
  argBufferLen: number;
}
