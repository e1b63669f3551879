/**
 * What a session's state holds, read for the inspector: memory, pages with their openings,
 * metadata, bytecode, and the diff against the base. Reads only: nothing here changes the state.
 */
import type { ContractId } from '../core/ids';
import { hexToBytes } from '../core/ids';
import { diffIndexes, type ContractDiff } from '../diff/state-diff';
import type { GasTableName } from '../core/gas-tables';
import { batchOverlay, buildCommitBatch } from './commit-batch';
import { PAGE_SIZE } from './host-abi';
import type { MemoryPage } from './page-opening';
import type { SessionContracts } from './session-contracts';
import type { ContractMetadata } from './types';

/** One page of a contract's live memory (zeros past the end). */
export function pageBytes(contracts: SessionContracts, id: ContractId, page: number): Uint8Array {
  return contracts.existing(id).read(page * PAGE_SIZE, PAGE_SIZE);
}

/**
 * Every page ever written by a loaded contract, with its bytes and a Merkle opening against the
 * session's root; undefined when the session has not loaded the contract.
 */
export function memoryPages(contracts: SessionContracts, id: ContractId): MemoryPage[] | undefined {
  const contract = contracts.loadedContract(id);
  if (contract === undefined) return undefined;
  const state = contracts.state();
  const position = state.positions.get(id) ?? contract.basePosition;
  if (position === undefined) return [];
  const tree = state.contractsTree.opening(position);
  const view = contract.view();
  return contract.pageTree.leaves().map((leaf) => ({
    index: leaf.position,
    bytes: view.slice(leaf.position * PAGE_SIZE, (leaf.position + 1) * PAGE_SIZE),
    opening: { tree, inner: contract.pageTree.opening(leaf.position) },
  }));
}

export function contractMetadata(
  contracts: SessionContracts,
  id: ContractId,
): ContractMetadata | undefined {
  const contract = contracts.loadedContract(id);
  if (contract !== undefined) return { contractId: contract.id, owner: contract.owner.slice() };
  const record = contracts.baseRecord(id);
  return record === undefined ? undefined : { contractId: record.id, owner: record.owner.slice() };
}

/** The bytecode of a contract of the session or its base. */
export function bytecodeOf(contracts: SessionContracts, id: ContractId): Uint8Array | undefined {
  const loaded = contracts.loadedContract(id);
  if (loaded !== undefined) return loaded.module.bytecode;
  const record = contracts.baseRecord(id);
  return record === undefined ? undefined : contracts.storedModule(record).bytecode;
}

/** Indices of the pages ever written (the page tree's leaves) of a contract. */
export function writtenPages(contracts: SessionContracts, id: ContractId): number[] {
  const contract = contracts.existing(id);
  contracts.state();
  return contract.pageTree.leaves().map((l) => l.position);
}

/** Per contract, the pages the session has changed relative to its base. */
export function diffBase(contracts: SessionContracts, gasTable: GasTableName): ContractDiff[] {
  const batch = buildCommitBatch(
    contracts.baseState,
    contracts.state(),
    contracts.nodes,
    contracts.base,
    '',
    gasTable,
    false,
  );
  return diffIndexes(
    batchOverlay(batch, contracts.nodes),
    contracts.baseState.indexRoot,
    hexToBytes(batch.commit.indexRoot),
  );
}
