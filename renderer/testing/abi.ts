/**
 * The ABI sizes a test's (or the UI bench page's) engine sends with its workspace info
 * (piecrust's: a 64 KiB page and argument buffer). The renderer itself never writes them down
 * (see src/abi-literals.test.ts).
 */
import type { AbiSizes } from '../../engine/api/types';

export const TEST_ABI: AbiSizes = { pageSize: 65536, argBufferLen: 65536 };
