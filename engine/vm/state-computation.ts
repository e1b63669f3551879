/**
 * Computing the state root a session would commit (spec §6.3): re-hash the pages dirtied since
 * the last computation into each contract's page tree, then, in contract-id order, give new
 * contracts the next internal positions and update the contracts tree (leaf = page-tree root)
 * and the contract index (leaf = contract record) from the base commit's.
 */
import { bytesToHex, hexToBytes, type ContractId } from '../core/ids';
import { blake3 } from '../hash/blake3';
import {
  CONTRACTS_TREE,
  PAGE_TREE_32,
  PAGE_TREE_64,
  updateTree,
  type Leaf,
  type MapNodeStore,
  type TreeShape,
} from '../merkle/sparse-tree';
import { INDEX_TRIE, recordLeaf } from '../state/contract-index';
import type { ContractRecord } from '../state/contract-record';
import { PAGE_SIZE } from './host-abi';
import type { LoadedContract } from './loaded-contract';

export interface BaseState {
  root: Uint8Array;
  indexRoot: Uint8Array;
  contractCount: number;
}

export interface ComputedState {
  root: Uint8Array;
  indexRoot: Uint8Array;
  contractCount: number;
  /** Records of the contracts this session changed, with their positions. */
  records: Map<ContractId, ContractRecord>;
  /** Store key (hex BLAKE3) of each of those records. */
  recordKeys: Map<ContractId, string>;
}

export function pageTreeShape(contract: LoadedContract): TreeShape {
  return contract.module.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
}

/** Bring `contract.pageRoot` up to date with its dirty pages. */
export function rehashPages(contract: LoadedContract, nodes: MapNodeStore): void {
  if (contract.pendingHash.size === 0) return;
  const view = contract.view();
  const leaves: Leaf[] = [];
  for (const page of contract.pendingHash) {
    const value = blake3(view.subarray(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
    contract.pageHashes.set(page, value);
    leaves.push({ position: page, value });
  }
  contract.pageRoot = updateTree(pageTreeShape(contract), contract.pageRoot, leaves, nodes, nodes);
  contract.pendingHash.clear();
}

export function computeState(base: BaseState, contracts: Iterable<LoadedContract>, nodes: MapNodeStore): ComputedState {
  const changed = [...contracts].filter((c) => c.changed).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let count = base.contractCount;
  const records = new Map<ContractId, ContractRecord>();
  const recordKeys = new Map<ContractId, string>();
  const stateLeaves: Leaf[] = [];
  const indexLeaves: Leaf[] = [];
  for (const c of changed) {
    rehashPages(c, nodes);
    const position = c.basePosition ?? ++count;
    const record: ContractRecord = {
      id: c.id,
      codeHash: c.module.codeHash,
      pageRoot: c.pageRoot,
      position,
      memoryLen: c.length,
      is64: c.module.is64,
      owner: c.owner,
    };
    records.set(c.id, record);
    const leaf = recordLeaf(record);
    const key = bytesToHex(leaf.hash);
    nodes.putNode(key, leaf.bytes);
    recordKeys.set(c.id, key);
    stateLeaves.push({ position, value: c.pageRoot });
    indexLeaves.push({ position: c.position, value: leaf.hash });
  }
  return {
    root: updateTree(CONTRACTS_TREE, base.root, stateLeaves, nodes, nodes),
    indexRoot: updateTree(INDEX_TRIE, base.indexRoot, indexLeaves, nodes, nodes),
    contractCount: count,
    records,
    recordKeys,
  };
}

export function baseStateOf(commit: { root: string; indexRoot: string; contractCount: number } | undefined): BaseState {
  if (commit === undefined) {
    return { root: new Uint8Array(32), indexRoot: new Uint8Array(32), contractCount: 0 };
  }
  return { root: hexToBytes(commit.root), indexRoot: hexToBytes(commit.indexRoot), contractCount: commit.contractCount };
}
