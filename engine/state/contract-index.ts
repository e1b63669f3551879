/**
 * A commit's contract index: a 16-ary trie of height 8 keyed by `position_from_contract(id)`,
 * whose leaves are the hashes of contract records. It is content-addressed like the Merkle trees
 * (same node format, same store), so a commit that changes one contract writes 8 new nodes and
 * shares the rest with its parent. Since positions are unique within a lineage (collisions are
 * rejected at deploy), the trie doubles as the collision check.
 */
import { bytesToHex } from '../core/ids';
import { PiecrustError } from '../core/errors';
import { blake3 } from '../hash/blake3';
import {
  isZeroHash,
  leafAt,
  listLeaves,
  type NodeStore,
  type TreeShape,
} from '../merkle/sparse-tree';
import { decodeContractRecord, encodeContractRecord, type ContractRecord } from './contract-record';

export const INDEX_TRIE: TreeShape = { height: 8, arity: 16 };

export function readRecord(nodes: NodeStore, hash: Uint8Array): ContractRecord {
  const key = bytesToHex(hash);
  const bytes = nodes.getNode(key);
  if (bytes === undefined) {
    throw new PiecrustError(
      'PersistenceError',
      `contract record ${key} is missing from the store`,
      { key },
    );
  }
  return decodeContractRecord(bytes);
}

/** The record stored at a position, whichever contract it belongs to. */
export function recordAtPosition(
  nodes: NodeStore,
  indexRoot: Uint8Array,
  pfc: number,
): ContractRecord | undefined {
  if (isZeroHash(indexRoot)) return undefined;
  const leaf = leafAt(INDEX_TRIE, indexRoot, pfc, nodes);
  return leaf === undefined ? undefined : readRecord(nodes, leaf);
}

export function listRecords(nodes: NodeStore, indexRoot: Uint8Array): ContractRecord[] {
  return listLeaves(INDEX_TRIE, indexRoot, nodes).map((leaf) => readRecord(nodes, leaf.value));
}

export function recordLeaf(record: ContractRecord): { bytes: Uint8Array; hash: Uint8Array } {
  const bytes = encodeContractRecord(record);
  return { bytes, hash: blake3(bytes) };
}
