/** A kept profile as the API sends it: bigint figures as u64 strings (JSON has no bigint). */
import type { ProfileNode } from '../profile/profile-tree';
import type { KeptProfile } from './profile-keeper';
import type { ProfileNodeView, ProfileView } from './types';

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
  };
}
