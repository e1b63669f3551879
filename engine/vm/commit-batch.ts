/**
 * What a session's commit writes: the Merkle nodes its trees changed, the contract index over the
 * base's with a new record per changed contract, the pages those contracts dirtied, and the
 * bytecode of new contracts.
 */
import { bytesToHex, type Root } from '../core/ids';
import { MerkleTree } from '../merkle/merkle-tree';
import type { NodeStore } from '../merkle/sparse-tree';
import { INDEX_TRIE, recordLeaf } from '../state/contract-index';
import type { CommitBatch } from '../store/commit-store';
import { encodeJournal } from '../journal/codec';
import type { PageSource } from '../journal/page-spill';
import { journalPageRefs } from '../journal/replay';
import type { Journal } from '../journal/types';
import type { GasTableName } from '../core/gas-tables';
import { moduleKey } from './contract-module';
import { PAGE_SIZE } from './host-abi';
import type { BaseState, ComputedState } from './state-computation';

export function buildCommitBatch(
  base: BaseState,
  state: ComputedState,
  nodes: NodeStore,
  parent: Root | null,
  label: string,
  gasTable: GasTableName,
  withPages = true,
): CommitBatch {
  const out = new Map<string, Uint8Array>();
  const pages = new Map<string, Uint8Array>();
  const bytecodes = new Map<string, Uint8Array>();
  const modules = new Map<string, Uint8Array>();
  const index = new MerkleTree(INDEX_TRIE, base.indexRoot, nodes);
  state.contractsTree.changedNodes(out);
  for (const c of state.changed) {
    c.pageTree.changedNodes(out);
    const record = recordLeaf({
      id: c.id,
      codeHash: c.module.codeHash,
      pageRoot: c.pageTree.root(),
      position: state.positions.get(c.id)!,
      memoryLen: c.length,
      is64: c.module.is64,
      owner: c.owner,
    });
    out.set(bytesToHex(record.hash), record.bytes);
    index.set(c.position, record.hash);
    const view = c.view();
    if (withPages)
      for (const page of c.dirty) {
        const hash = c.pageHashes.get(page);
        if (hash !== undefined)
          pages.set(bytesToHex(hash), view.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
      }
    if (c.isNew) {
      bytecodes.set(c.module.codeHash, c.module.bytecode);
      modules.set(moduleKey(c.module.codeHash, c.module.gasTable), c.module.instrumented);
    }
  }
  const indexRoot = index.root();
  index.changedNodes(out);
  return {
    commit: {
      root: bytesToHex(state.root) as Root,
      parent,
      indexRoot: bytesToHex(indexRoot),
      contractCount: state.contractCount,
      createdAt: Date.now(),
      label,
      finalized: false,
      gasTable,
    },
    nodes: out,
    pages,
    bytecodes,
    modules,
    journal: undefined,
  };
}

/** The store's nodes with a batch's new ones over them (a state not yet committed). */
export function batchOverlay(batch: CommitBatch, nodes: NodeStore): NodeStore {
  return { getNode: (key) => batch.nodes.get(key) ?? nodes.getNode(key) };
}

/**
 * Put a session's journal in its commit: encoded, and with the page versions it refers to joining
 * the commit's pages (one copy per content; the state's pages are often the same versions).
 */
export function addJournal(batch: CommitBatch, journal: Journal, pages: PageSource): void {
  batch.journal = encodeJournal(journal);
  for (const hash of journalPageRefs(journal)) {
    if (!batch.pages.has(hash)) batch.pages.set(hash, pages.page(hash)!);
  }
}
