/**
 * Gas profiles through the service (issue 13): a profiled call's profile kept by id, with its
 * contract frames named as the store names the contracts (a profile made on a session's thread
 * knows only ids), two kept profiles diffed, one exported as folded stacks or speedscope JSON.
 */
import { PiecrustError } from '../core/errors';
import { toContractId, type ContractId } from '../core/ids';
import { toFolded } from '../profile/folded';
import { diffFunctions, diffTree, type DiffNode, type GasPair } from '../profile/profile-diff';
import type { CallProfile, ProfileNode } from '../profile/profile-tree';
import { toSpeedscope } from '../profile/speedscope';
import type { Vm } from '../vm/vm';
import type { ProfileKeeper } from './profile-keeper';
import { profileView } from './profile-views';
import type * as T from './types';

/** Contract frames (`0a1b2c3d.fn`) renamed after the contract's stored name, if it has one. */
export function withContractNames(profile: CallProfile, vm: Vm): CallProfile {
  const rename = (node: ProfileNode): ProfileNode => {
    const children = node.children.map(rename);
    if (node.kind !== 'contract' || node.contract === undefined) return { ...node, children };
    const name = vm.contractName(toContractId(node.contract));
    const fn = node.name.slice(node.name.indexOf('.') + 1);
    return { ...node, name: name === undefined ? node.name : `${name}.${fn}`, children };
  };
  return { ...profile, root: rename(profile.root) };
}

/** What a profile is of, for lists: `counter.increment` (the contract's stored name, else its id's first 8 digits). */
export function profileLabel(vm: Vm, contract: ContractId, fn: string): string {
  return `${vm.contractName(contract) ?? contract.slice(0, 8)}.${fn}`;
}

export function keepProfile(
  keeper: ProfileKeeper,
  vm: Vm,
  profile: CallProfile | undefined,
  label: string,
): T.ProfileView {
  if (profile === undefined)
    throw new PiecrustError(
      'RuntimeError',
      `${label}: the session ended before its profile came back`,
    );
  return profileView(keeper.keep({ label, profile: withContractNames(profile, vm) }));
}

const pair = (p: GasPair): T.GasPairView => ({
  self: p.self.toString(),
  total: p.total.toString(),
  calls: p.calls,
});

function diffNodeView(node: DiffNode): T.ProfileDiffNodeView {
  return {
    name: node.name,
    kind: node.kind,
    side: node.side,
    a: pair(node.a),
    b: pair(node.b),
    delta: node.delta.toString(),
    selfDelta: node.selfDelta.toString(),
    children: node.children.map(diffNodeView),
  };
}

export function profileDiff(keeper: ProfileKeeper, a: string, b: string): T.ProfileDiffView {
  const pa = keeper.get(a).profile;
  const pb = keeper.get(b).profile;
  return {
    a,
    b,
    functions: diffFunctions(pa, pb).map((f) => ({
      name: f.name,
      kind: f.kind,
      side: f.side,
      a: pair(f.a),
      b: pair(f.b),
      selfDelta: f.selfDelta.toString(),
      totalDelta: f.totalDelta.toString(),
    })),
    tree: diffNodeView(diffTree(pa, pb)),
  };
}

/** A name for files: the profile's label with what file systems refuse replaced. */
const fileSafe = (label: string): string => label.replace(/[^\w.-]+/g, '_').slice(0, 100);

export function exportProfile(
  keeper: ProfileKeeper,
  id: string,
  format: T.ProfileFormat,
): T.ProfileExport {
  const kept = keeper.get(id);
  const base = fileSafe(kept.label);
  return format === 'folded'
    ? { fileName: `${base}.folded`, text: toFolded(kept.profile) }
    : {
        fileName: `${base}.speedscope.json`,
        text: JSON.stringify(toSpeedscope(kept.profile, { name: kept.label })),
      };
}
