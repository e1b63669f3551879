/**
 * What a session's commit writes: the nodes it created that the new commit reaches (root() may
 * have been computed several times; intermediate nodes are left out), the records and dirty
 * pages of the contracts it changed, and the bytecode of new contracts.
 */
import { bytesToHex, type Root } from '../core/ids';
import { CONTRACTS_TREE, HASH_LEN, isZeroHash, type MapNodeStore, type TreeShape } from '../merkle/sparse-tree';
import { INDEX_TRIE } from '../state/contract-index';
import type { CommitBatch } from '../store/commit-store';
import { PAGE_SIZE } from './host-abi';
import type { LoadedContract } from './loaded-contract';
import { pageTreeShape, type ComputedState } from './state-computation';

/** Add the nodes of a tree that exist only in `local` (the rest is already stored). */
function collectLocal(shape: TreeShape, root: Uint8Array, local: MapNodeStore, out: Map<string, Uint8Array>): void {
  const rec = (value: Uint8Array, depth: number): void => {
    if (depth === shape.height || isZeroHash(value)) return;
    const key = bytesToHex(value);
    const children = local.nodes.get(key);
    if (children === undefined || out.has(key)) return;
    out.set(key, children);
    for (let c = 0; c < shape.arity; c++) rec(children.subarray(c * HASH_LEN, (c + 1) * HASH_LEN), depth + 1);
  };
  rec(root, 0);
}

export function buildCommitBatch(
  state: ComputedState,
  contracts: Iterable<LoadedContract>,
  local: MapNodeStore,
  parent: Root | null,
  label: string,
): CommitBatch {
  const nodes = new Map<string, Uint8Array>();
  const pages = new Map<string, Uint8Array>();
  const bytecodes = new Map<string, Uint8Array>();
  collectLocal(CONTRACTS_TREE, state.root, local, nodes);
  collectLocal(INDEX_TRIE, state.indexRoot, local, nodes);
  for (const c of contracts) {
    const recordKey = state.recordKeys.get(c.id);
    if (recordKey === undefined) continue;
    const record = local.nodes.get(recordKey);
    if (record !== undefined) nodes.set(recordKey, record);
    collectLocal(pageTreeShape(c), c.pageRoot, local, nodes);
    const view = c.view();
    for (const page of c.dirty) {
      const hash = c.pageHashes.get(page);
      if (hash !== undefined) pages.set(bytesToHex(hash), view.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
    }
    if (c.isNew) bytecodes.set(c.module.codeHash, c.module.bytecode);
  }
  return {
    commit: {
      root: bytesToHex(state.root) as Root,
      parent,
      indexRoot: bytesToHex(state.indexRoot),
      contractCount: state.contractCount,
      createdAt: Date.now(),
      label,
      finalized: false,
    },
    nodes,
    pages,
    bytecodes,
  };
}
