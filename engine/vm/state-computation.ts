/**
 * Computing the state root a session would commit (spec §6.3): re-hash the pages dirtied since
 * the last computation into each contract's page tree, then, in contract-id order, give new
 * contracts the next internal positions and set their leaves (page-tree roots) in the contracts
 * tree over the base commit's. The contract index (records by position) is only built at commit.
 */
import { hexToBytes, type ContractId } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { MerkleTree } from '../merkle/merkle-tree';
import { CONTRACTS_TREE, type NodeStore } from '../merkle/sparse-tree';
import { PAGE_SIZE } from './host-abi';
import type { LoadedContract } from './loaded-contract';

export interface BaseState {
  root: Uint8Array;
  indexRoot: Uint8Array;
  contractCount: number;
}

export interface ComputedState {
  root: Uint8Array;
  /** The contracts tree over the base, with this session's leaves set. */
  contractsTree: MerkleTree;
  contractCount: number;
  /** Leaf positions of the contracts this session changed. */
  positions: Map<ContractId, number>;
  /** Those contracts, in id order. */
  changed: LoadedContract[];
  /** The leaf value last set at each position (to skip unchanged ones next time). */
  leaves: Map<number, Uint8Array>;
}

/** Bring the contract's page tree up to date with its dirty pages. */
export function rehashPages(contract: LoadedContract): void {
  if (contract.pendingHash.size === 0) return;
  const view = contract.view();
  for (const page of contract.pendingHash) {
    const value = blake3(view.subarray(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
    contract.pageHashes.set(page, value);
    contract.pageTree.set(page, value);
  }
  contract.pendingHash.clear();
}

/**
 * Compute the state over `base`. `previous` (the last result for the same session) is reused
 * when every contract keeps its position, so that a root update only re-hashes the paths of
 * contracts whose page-tree root moved; a new contract that shifts positions starts over.
 */
export function computeState(
  base: BaseState,
  contracts: Iterable<LoadedContract>,
  nodes: NodeStore,
  previous?: ComputedState,
): ComputedState {
  const changed = [...contracts]
    .filter((c) => c.changed)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let count = base.contractCount;
  const positions = new Map<ContractId, number>();
  for (const c of changed) positions.set(c.id, c.basePosition ?? ++count);
  // Contracts may only be added (with fresh positions); any other change rebuilds the tree.
  const reusable =
    previous !== undefined &&
    [...previous.positions].every(([id, pos]) => positions.get(id) === pos);
  const contractsTree = reusable
    ? previous.contractsTree
    : new MerkleTree(CONTRACTS_TREE, base.root, nodes);
  const leaves = reusable ? previous.leaves : new Map<number, Uint8Array>();
  for (const c of changed) {
    rehashPages(c);
    const position = positions.get(c.id)!;
    const leaf = c.pageTree.root();
    if (leaves.get(position) !== leaf) {
      contractsTree.set(position, leaf);
      leaves.set(position, leaf);
    }
  }
  return {
    root: contractsTree.root(),
    contractsTree,
    contractCount: count,
    positions,
    changed,
    leaves,
  };
}

export function baseStateOf(
  commit: { root: string; indexRoot: string; contractCount: number } | undefined,
): BaseState {
  if (commit === undefined) {
    return { root: new Uint8Array(32), indexRoot: new Uint8Array(32), contractCount: 0 };
  }
  return {
    root: hexToBytes(commit.root),
    indexRoot: hexToBytes(commit.indexRoot),
    contractCount: commit.contractCount,
  };
}
