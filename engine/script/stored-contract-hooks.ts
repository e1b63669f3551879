/**
 * The part of a script host that keeps contracts' names and data-drivers in a VM's store, for a
 * script run on a VM directly (the CLI's `run --store`): a deploy step's `name` and `driver` are
 * stored with its contract, as the app's service stores them, so `log`, `show`, `diff` and a
 * later run name and decode it; and the names and drivers stored before the run are the script's
 * to use (a contract deployed by an earlier run is named and decoded without attaching again).
 */
import type { Vm } from '../vm/vm';
import type { ScriptHost } from './script-runner';

export function storedContractHooks(
  vm: Vm,
): Required<Pick<ScriptHost, 'deployed' | 'storedDriver' | 'storedNames'>> {
  return {
    deployed: async (contract, { name, driver }) => {
      // A blank name, or the one it has already, writes nothing (as the service's deploys).
      if (name !== undefined && name.trim() !== '' && name !== vm.contractName(contract))
        await vm.setContractName(contract, name);
      if (driver !== undefined) await vm.attachDriver(contract, driver);
    },
    storedDriver: (contract) => vm.loadedDriver(contract),
    storedNames: () => vm.contractNames(),
  };
}
