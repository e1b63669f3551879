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
    const value = hashPage(contract, page, view.subarray(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
    contract.pageHashes.set(page, value);
    contract.pageTree.set(page, value);
  }
  contract.pendingHash.clear();
}

/**
 * A change of at most this many chunks updates the page's BLAKE3 tree (about 1.2 µs a chunk);
 * more, and hashing the whole page natively (about 9 µs) is as quick.
 */
const SMALL_CHANGE_CHUNKS = 6;

/**
 * BLAKE3 of a dirty page. A page hashed before and changed again in a few chunks gets (or keeps)
 * a hash tree and is updated from those chunks (merkle/page-hash-trees.ts); a page hashed for the
 * first time, or rewritten widely, is hashed whole (and loses its tree).
 */
function hashPage(contract: LoadedContract, page: number, bytes: Uint8Array): Uint8Array {
  const { writes, hashTrees } = contract;
  const low = writes.low(page);
  const high = writes.high(page);
  writes.clear(page);
  const changed = bitCount(low) + bitCount(high);
  if (changed > 0 && changed <= SMALL_CHANGE_CHUNKS) {
    if (hashTrees.has(page)) return hashTrees.update(page, bytes, low, high);
    if (contract.pageHashes.has(page)) return hashTrees.build(page, bytes);
  } else {
    hashTrees.drop(page);
  }
  return blake3(bytes);
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
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
  // Plain loops, no intermediate arrays: a root after one call runs this for ~1 µs of a ~10 µs
  // budget (bench root_single_page_ratio).
  const changed: LoadedContract[] = [];
  for (const c of contracts) if (c.changed) changed.push(c);
  if (changed.length > 1) changed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { count, positions } = positionsOf(base, changed, previous?.positions);
  // Contracts may only be added (with fresh positions); any other change rebuilds the tree.
  let reusable = previous !== undefined;
  if (reusable && positions !== previous!.positions) {
    for (const [id, pos] of previous!.positions) {
      if (positions.get(id) !== pos) {
        reusable = false;
        break;
      }
    }
  }
  const contractsTree = reusable
    ? previous!.contractsTree
    : new MerkleTree(CONTRACTS_TREE, base.root, nodes);
  const leaves = reusable ? previous!.leaves : new Map<number, Uint8Array>();
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

/**
 * Leaf positions of `changed` (id order): a base contract keeps its own, new ones take the next
 * after the base's count. `previous` itself when it holds exactly these.
 */
function positionsOf(
  base: BaseState,
  changed: LoadedContract[],
  previous: Map<ContractId, number> | undefined,
): { count: number; positions: Map<ContractId, number> } {
  let count = base.contractCount;
  let same = previous !== undefined && previous.size === changed.length;
  for (const c of changed) {
    const position = c.basePosition ?? ++count;
    if (same && previous!.get(c.id) !== position) same = false;
  }
  if (same) return { count, positions: previous! };
  count = base.contractCount;
  const positions = new Map<ContractId, number>();
  for (const c of changed) positions.set(c.id, c.basePosition ?? ++count);
  return { count, positions };
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
