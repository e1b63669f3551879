/**
 * piecrust's ABI sizes (a wasm page, the argument buffer `A`) as the engine sends them with its
 * workspace info (WorkspaceInfo.abi, from engine/core/abi.ts). The renderer's one holder of
 * them: no renderer file writes these numbers down, so they cannot drift from the engine's.
 * The workspace store hands over every workspace info it gets; the workspace info is the first
 * thing the app loads, before any memory, page or contract is there to be laid out.
 */
import { shallowRef } from 'vue';
import type { AbiSizes } from '../../../engine/api/types';

const received = shallowRef<AbiSizes | null>(null);

export function receiveAbi(sizes: AbiSizes): void {
  const now = received.value;
  if (now === null || now.pageSize !== sizes.pageSize || now.argBufferLen !== sizes.argBufferLen)
    received.value = sizes;
}

/** The sizes; reactive (a computed reading them follows a new engine's). */
export function abiSizes(): AbiSizes {
  const sizes = received.value;
  if (sizes === null)
    throw new Error(
      "piecrust's ABI sizes are not known yet: the engine sends them with its workspace info, which has not been loaded",
    );
  return sizes;
}

/** Bytes in a wasm page: the unit memory is written, stored and diffed in. */
export const pageSize = (): number => abiSizes().pageSize;

/** Bytes in the argument buffer `A`. */
export const argBufferLen = (): number => abiSizes().argBufferLen;
