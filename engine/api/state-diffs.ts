/** What changed between two states: per contract (pages), and one page's bytes on both sides. */
import { PiecrustError } from '../core/errors';
import { toContractId } from '../core/ids';
import { PAGE_SIZE as PAGE } from '../core/abi';
import { changedRanges } from '../vm/state-view';
import { stateOf } from './state-of';
import type { ContractDiffView, PageDiff, StateRef } from './types';
import { diffView, hex } from './views';
import type { WorkspaceState } from './workspace-state';

export async function diff(
  ws: WorkspaceState,
  from: StateRef,
  to: StateRef,
): Promise<ContractDiffView[]> {
  const before = stateOf(ws, from);
  return (await stateOf(ws, to).changesSince(before)).map(diffView);
}

export async function pageDiff(
  ws: WorkspaceState,
  from: StateRef,
  to: StateRef,
  contractHex: string,
  page: number,
): Promise<PageDiff> {
  const contract = toContractId(contractHex);
  const zeros = new Uint8Array(PAGE);
  const read = async (ref: StateRef): Promise<Uint8Array> => {
    try {
      return await stateOf(ws, ref).pageBytes(contract, page);
    } catch (e) {
      if (e instanceof PiecrustError && e.code === 'ContractDoesNotExist') return zeros; // added or removed
      throw e;
    }
  };
  const [before, after] = await Promise.all([read(from), read(to)]);
  return { before: hex(before), after: hex(after), ranges: changedRanges(before, after) };
}
