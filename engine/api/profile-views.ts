/** A kept profile as the API sends it: bigint figures as u64 strings (JSON has no bigint). */
import type { FunctionGas } from '../profile/function-gas';
import type { ProfileNode } from '../profile/profile-tree';
import { topFunctions } from '../profile/top-functions';
import type { KeptProfile } from './profile-keeper';
import type { FunctionGasView, ProfileNodeView, ProfileView } from './types';

export function profileNodeView(node: ProfileNode): ProfileNodeView {
  return {
    kind: node.kind,
    name: node.name,
    ...(node.contract === undefined ? {} : { contract: node.contract }),
    ...(node.funcIndex === undefined ? {} : { funcIndex: node.funcIndex }),
    self: node.self.toString(),
    total: node.total.toString(),
    calls: node.calls,
    children: node.children.map(profileNodeView),
  };
}

export function profileView(kept: KeptProfile): ProfileView {
  return {
    id: kept.id,
    label: kept.label,
    root: profileNodeView(kept.profile.root),
    gasSpent: kept.profile.gasSpent.toString(),
    gasLimit: kept.profile.gasLimit.toString(),
    ...(kept.recordedGas === undefined ? {} : { recordedGas: kept.recordedGas.toString() }),
    ...(kept.matched === undefined ? {} : { matched: kept.matched }),
    ...(kept.journalCall === undefined ? {} : { journalCall: kept.journalCall }),
    functions: topFunctions(kept.profile, Number.MAX_SAFE_INTEGER).map(functionGasView),
  };
}

function functionGasView(fn: FunctionGas): FunctionGasView {
  return {
    name: fn.name,
    kind: fn.kind,
    ...(fn.contract === undefined ? {} : { contract: fn.contract }),
    self: fn.self.toString(),
    total: fn.total.toString(),
    calls: fn.calls,
  };
}
