/**
 * Differences between two states (commit vs commit, also across branches, or a live session vs
 * its base): the contract index tries are walked together to find the contracts whose records
 * differ, then each such contract's page trees are walked together to find the pages that
 * differ. Both walks skip equal subtrees, so the cost follows the size of the change, not of the
 * state.
 */
import { bytesToHex, type ContractId } from '../core/ids';
import { PiecrustError } from '../core/errors';
import { leafAt, PAGE_TREE_32, PAGE_TREE_64, type NodeStore } from '../merkle/sparse-tree';
import { INDEX_TRIE, readRecord, recordAtPosition } from '../state/contract-index';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import { PAGE_SIZE } from '../core/abi';
import { diffTrees } from './tree-diff';

export interface ContractSummary {
  codeHash: string;
  owner: string;
  memoryLen: number;
  pageRoot: string;
  position: number;
  is64: boolean;
}

export interface ContractDiff {
  contract: ContractId;
  status: 'added' | 'removed' | 'changed';
  before: ContractSummary | undefined;
  after: ContractSummary | undefined;
  pages: { added: number[]; removed: number[]; changed: number[] };
}

function summary(r: ContractRecord): ContractSummary {
  return {
    codeHash: r.codeHash,
    owner: bytesToHex(r.owner),
    memoryLen: r.memoryLen,
    pageRoot: bytesToHex(r.pageRoot),
    position: r.position,
    is64: r.is64,
  };
}

function pageDiff(
  nodes: NodeStore,
  before: ContractRecord | undefined,
  after: ContractRecord | undefined,
): ContractDiff['pages'] {
  const shape = (after ?? before)!.is64 ? PAGE_TREE_64 : PAGE_TREE_32;
  const changes = diffTrees(
    shape,
    before?.pageRoot ?? new Uint8Array(32),
    after?.pageRoot ?? new Uint8Array(32),
    nodes,
  );
  const pages: ContractDiff['pages'] = { added: [], removed: [], changed: [] };
  for (const c of changes) {
    if (c.before === undefined) pages.added.push(c.position);
    else if (c.after === undefined) pages.removed.push(c.position);
    else pages.changed.push(c.position);
  }
  return pages;
}

/** Contracts whose records differ between two index roots, with their changed pages, by id. */
export function diffIndexes(nodes: NodeStore, left: Uint8Array, right: Uint8Array): ContractDiff[] {
  const out: ContractDiff[] = [];
  for (const change of diffTrees(INDEX_TRIE, left, right, nodes)) {
    const before = change.before === undefined ? undefined : readRecord(nodes, change.before);
    const after = change.after === undefined ? undefined : readRecord(nodes, change.after);
    if (before !== undefined && after !== undefined && before.id !== after.id) {
      // Two branches put different contracts at the same position.
      out.push({
        contract: before.id,
        status: 'removed',
        before: summary(before),
        after: undefined,
        pages: pageDiff(nodes, before, undefined),
      });
      out.push({
        contract: after.id,
        status: 'added',
        before: undefined,
        after: summary(after),
        pages: pageDiff(nodes, undefined, after),
      });
      continue;
    }
    const record = (after ?? before)!;
    out.push({
      contract: record.id,
      status: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
      before: before === undefined ? undefined : summary(before),
      after: after === undefined ? undefined : summary(after),
      pages: pageDiff(nodes, before, after),
    });
  }
  return out.sort((a, b) => (a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : 0));
}

/** The bytes of one page of one contract in a state; zeros for a page never written. */
export function readPage(
  nodes: NodeStore,
  getPage: (key: string) => Uint8Array | undefined,
  indexRoot: Uint8Array,
  contract: ContractId,
  page: number,
): Uint8Array {
  const record = recordAtPosition(nodes, indexRoot, positionFromContract(contract));
  if (record === undefined || record.id !== contract) {
    throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${contract}`, {
      contract,
    });
  }
  const maxPages = Math.ceil(record.memoryLen / PAGE_SIZE);
  if (!Number.isInteger(page) || page < 0 || page >= Math.max(maxPages, 1)) {
    throw new PiecrustError(
      'InvalidInput',
      `page ${page} is outside the memory of ${contract} (${maxPages} pages)`,
      {
        page,
        pages: maxPages,
      },
    );
  }
  const leaf = leafAt(record.is64 ? PAGE_TREE_64 : PAGE_TREE_32, record.pageRoot, page, nodes);
  if (leaf === undefined) return new Uint8Array(PAGE_SIZE);
  const key = bytesToHex(leaf);
  const bytes = getPage(key);
  if (bytes === undefined) {
    throw new PiecrustError(
      'PersistenceError',
      `page ${page} of ${contract} (${key}) is missing from the store`,
      {
        contract,
        page,
      },
    );
  }
  return bytes;
}
