/**
 * Everything a set of commits references: the nodes of their contracts trees and contract
 * index tries, the contract records, each contract's page tree, its pages and its bytecode,
 * the instrumented modules of that bytecode, the commits' journals and the page versions those
 * journals refer to (journal-container.ts). Used to collect garbage after a delete (the mark of
 * mark-and-sweep).
 */
import { bytesToHex, hexToBytes } from '../core/ids';
import {
  CONTRACTS_TREE,
  HASH_LEN,
  isZeroHash,
  PAGE_TREE_32,
  PAGE_TREE_64,
  type NodeStore,
  type TreeShape,
} from '../merkle/sparse-tree';
import { INDEX_TRIE } from '../state/contract-index';
import { decodeContractRecord } from '../state/contract-record';
import type { CommitRecord } from './commit-store';
import { journalPageRefs } from './journal-container';
import type { Root } from '../core/ids';

export interface Reachable {
  nodes: Set<string>;
  pages: Set<string>;
  bytecodes: Set<string>;
  /** Roots of the commits whose journals are kept (a journal lives as long as its commit). */
  journals: Set<string>;
}

/**
 * A module key is `<code hash>:<instrumenter version>`: an instrumented module is live while
 * its bytecode is, whatever instrumenter version produced it.
 */
export function isModuleReachable(live: Reachable, moduleKey: string): boolean {
  const colon = moduleKey.indexOf(':');
  return live.bytecodes.has(colon < 0 ? moduleKey : moduleKey.slice(0, colon));
}

function walk(
  shape: TreeShape,
  root: Uint8Array,
  nodes: NodeStore,
  seen: Set<string>,
  onLeaf: (leaf: Uint8Array) => void,
): void {
  const rec = (value: Uint8Array, depth: number): void => {
    if (isZeroHash(value)) return;
    if (depth === shape.height) {
      onLeaf(value);
      return;
    }
    const key = bytesToHex(value);
    if (seen.has(key)) return; // shared subtree already visited (its leaves too)
    seen.add(key);
    const children = nodes.getNode(key);
    if (children === undefined) return;
    for (let c = 0; c < shape.arity; c++)
      rec(children.subarray(c * HASH_LEN, (c + 1) * HASH_LEN), depth + 1);
  };
  rec(root, 0);
}

/**
 * `journalOf` reads a commit's stored journal: its page references keep those pages (without it,
 * only the pages of the states are kept).
 */
export function collectReachable(
  commits: CommitRecord[],
  nodes: NodeStore,
  journalOf?: (root: Root) => Uint8Array | undefined,
): Reachable {
  const out: Reachable = {
    nodes: new Set(),
    pages: new Set(),
    bytecodes: new Set(),
    journals: new Set(),
  };
  for (const c of commits) {
    out.journals.add(c.root);
    const journal = journalOf?.(c.root);
    if (journal !== undefined) for (const page of journalPageRefs(journal)) out.pages.add(page);
    walk(CONTRACTS_TREE, hexToBytes(c.root), nodes, out.nodes, () => {});
    walk(INDEX_TRIE, hexToBytes(c.indexRoot), nodes, out.nodes, (recordHash) => {
      const key = bytesToHex(recordHash);
      if (out.nodes.has(key)) return;
      out.nodes.add(key);
      const bytes = nodes.getNode(key);
      if (bytes === undefined) return;
      const record = decodeContractRecord(bytes);
      out.bytecodes.add(record.codeHash);
      const shape = record.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
      walk(shape, record.pageRoot, nodes, out.nodes, (pageHash) =>
        out.pages.add(bytesToHex(pageHash)),
      );
    });
  }
  return out;
}
