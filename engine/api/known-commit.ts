/**
 * piecrust treats deleting or finalizing an unknown root as a no-op; a user who names a commit
 * that is not there (gone already, a typo, another store) is told instead. One check for the
 * app's API and the CLI's scripts alike.
 */
import { PiecrustError } from '../core/errors';
import { toRoot, type Root } from '../core/ids';
import type { ScriptHost } from '../script/script-runner';
import type { Vm } from '../vm/vm';

/** The root `hex` names, if the VM's store holds that commit; else an InvalidInput error. */
export function knownCommit(vm: Vm, hex: string): Root {
  const root = toRoot(hex);
  if (vm.store.getCommit(root) === undefined) {
    const commits = vm.commitRecords().length;
    throw new PiecrustError(
      'InvalidInput',
      `no commit ${hex} in ${vm.store.location} (${commits} commit${commits === 1 ? '' : 's'})`,
      { root: hex, commits },
    );
  }
  return root;
}

/** A script host's commit operations on `vm` (CLI `run`, `gas-check`), unknown roots refused. */
export function checkedCommitOps(
  vm: Vm,
): Pick<ScriptHost, 'deleteCommit' | 'finalizeCommit' | 'holders'> {
  return {
    deleteCommit: async (root) => vm.deleteCommit(knownCommit(vm, root)),
    finalizeCommit: async (root) => vm.finalizeCommit(knownCommit(vm, root)),
    holders: (root) => vm.holders(root),
  };
}
