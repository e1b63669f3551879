/** The contracts of a state as the Contracts list shows them, and one contract's memory layout. */
import { toContractId } from '../core/ids';
import type { ContractState } from '../vm/state-view';
import type { Vm } from '../vm/vm';
import { contractMetaOf } from './contract-names';
import { stateOf } from './state-of';
import type { ContractInfo, MemoryInfo, StateRef } from './types';
import { hex } from './views';
import type { WorkspaceState } from './workspace-state';

/**
 * A contract as the Contracts list shows it (code hash, exports… from its prepared module; its
 * name and driver from beside the state).
 */
function contractInfo(vm: Vm, c: ContractState): ContractInfo {
  const module = c.module();
  return {
    ...contractMetaOf(vm, c.id),
    id: c.id,
    owner: hex(c.owner),
    codeHash: module.codeHash,
    memoryLen: c.memoryLen,
    is64: module.is64,
    exports: [...module.functions].sort(),
    argBuffer: module.argBuffer,
  };
}

export async function contracts(ws: WorkspaceState, ref: StateRef): Promise<ContractInfo[]> {
  return (await stateOf(ws, ref).contracts()).map((c) => contractInfo(ws.vm, c));
}

/** A contract's memory: its length, the pages it wrote, where its argument buffer is. */
export async function memoryInfo(
  ws: WorkspaceState,
  ref: StateRef,
  contractHex: string,
): Promise<MemoryInfo> {
  const id = toContractId(contractHex);
  const view = stateOf(ws, ref);
  const contract = await view.contract(id);
  const { argBuffer, is64 } = contract.module();
  return { memoryLen: contract.memoryLen, pages: await view.writtenPages(id), argBuffer, is64 };
}
