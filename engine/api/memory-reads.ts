/** Bytes of a contract's memory in a state, read page by page. */
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { PAGE_SIZE as PAGE } from '../core/abi';
import type { StateView } from '../vm/state-view';
import { stateOf } from './state-of';
import type { StateRef } from './types';
import type { WorkspaceState } from './workspace-state';

export const MAX_READ = 16 * PAGE;

export async function readMemory(
  ws: WorkspaceState,
  ref: StateRef,
  contractHex: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const contract = toContractId(contractHex);
  if (
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    !Number.isSafeInteger(length) ||
    length < 0 ||
    length > MAX_READ
  ) {
    throw new PiecrustError(
      'InvalidInput',
      `read of ${length} bytes at ${offset}: offset must be ≥ 0 and length in 0..=${MAX_READ}`,
      {
        offset,
        length,
        max: MAX_READ,
      },
    );
  }
  const out = new Uint8Array(length);
  // The state is asked for only when a page is read (an empty read names none).
  let view: StateView | undefined;
  for (let page = Math.floor(offset / PAGE); page * PAGE < offset + length; page++) {
    view ??= stateOf(ws, ref);
    const bytes = await view.pageBytes(contract, page);
    const from = Math.max(offset, page * PAGE);
    const to = Math.min(offset + length, (page + 1) * PAGE);
    out.set(bytes.subarray(from - page * PAGE, to - page * PAGE), from - offset);
  }
  return out;
}
