/**
 * The ABI sizes the API sends its clients (WorkspaceInfo.abi), from the one place they are
 * written: engine/core/abi.ts. The renderer lays memory out by them instead of its own copies.
 */
import { ARGBUF_LEN, PAGE_SIZE } from '../core/abi';
import type { AbiSizes } from './types';

export const ABI_SIZES: Readonly<AbiSizes> = Object.freeze({
  pageSize: PAGE_SIZE,
  argBufferLen: ARGBUF_LEN,
});
