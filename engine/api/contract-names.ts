/**
 * Contracts' names and attached data-drivers through the service (issue 12): what the contract
 * lists show of them, renaming, attaching (also at deploy). The VM keeps them beside the state
 * (vm/contract-names.ts), so none of this changes a state root.
 */
import { hexToBytes, toContractId, type ContractId } from '../core/ids';
import { readUserFile } from '../core/user-files';
import type { Vm } from '../vm/vm';
import type { ContractDriverInfo, ContractInfo, DriverSource } from './types';

/** A driver module's bytes from what a request names. */
export function driverBytesOf(source: DriverSource): Uint8Array {
  return 'hex' in source ? hexToBytes(source.hex) : readUserFile(source.path, 'driver');
}

/** A contract's name and driver, as the lists and the `contractChanged` event carry them. */
export function contractMetaOf(vm: Vm, id: ContractId): Pick<ContractInfo, 'name' | 'driver'> {
  const out: Pick<ContractInfo, 'name' | 'driver'> = {};
  const name = vm.contractName(id);
  if (name !== undefined) out.name = name;
  const driver: ContractDriverInfo | undefined = vm.attachedDriver(id);
  if (driver !== undefined) out.driver = driver;
  return out;
}

export async function renameContract(vm: Vm, contract: string, name: string): Promise<void> {
  await vm.setContractName(toContractId(contract), name);
}

/** Attach (validated first: a refused module stores nothing) and say what is attached now. */
export async function attachDriver(
  vm: Vm,
  contract: string,
  source: DriverSource,
): Promise<ContractDriverInfo> {
  const id = toContractId(contract);
  await vm.attachDriver(id, driverBytesOf(source));
  return vm.attachedDriver(id)!;
}
