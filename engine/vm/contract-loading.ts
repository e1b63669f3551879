/**
 * Bringing a contract into a session: from the base commit (memory rebuilt from its stored pages)
 * or fresh at deploy (memory at its declared minimum, active data segments applied — the only
 * time they are, as in piecrust — and their pages dirty).
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, type ContractId } from '../core/ids';
import type { JournalRecorder } from '../journal/recorder';
import type { NodeStore } from '../merkle/sparse-tree';
import type { ContractRecord } from '../state/contract-record';
import type { CommitStore } from '../store/commit-store';
import type { ContractModule } from './contract-module';
import { PAGE_SIZE } from './host-abi';
import { createContractMemory, LoadedContract } from './loaded-contract';

export function loadStoredContract(
  record: ContractRecord,
  module: ContractModule,
  store: CommitStore,
  nodes: NodeStore,
): LoadedContract {
  const memory = createContractMemory(module, record.memoryLen / PAGE_SIZE);
  const contract = new LoadedContract({
    id: record.id,
    module,
    owner: record.owner,
    memory,
    isNew: false,
    base: record,
    nodes,
  });
  const view = contract.view();
  for (const leaf of contract.pageTree.leaves()) {
    const key = bytesToHex(leaf.value);
    const page = store.getPage(key);
    if (page === undefined) {
      throw new PiecrustError(
        'PersistenceError',
        `page ${leaf.position} of contract ${record.id} (${key}) is missing`,
        {
          contract: record.id,
          page: leaf.position,
        },
      );
    }
    view.set(page, leaf.position * PAGE_SIZE);
  }
  contract.length = record.memoryLen;
  return contract;
}

export function createDeployedContract(
  id: ContractId,
  module: ContractModule,
  owner: Uint8Array,
  nodes: NodeStore,
  recorder: JournalRecorder | undefined,
): LoadedContract {
  const memory = createContractMemory(module, module.minPages);
  const contract = new LoadedContract({
    id,
    module,
    owner: owner.slice(),
    memory,
    isNew: true,
    base: undefined,
    nodes,
  });
  const view = contract.view();
  for (const segment of module.dataSegments) {
    if (segment.bytes.length === 0) continue;
    const last = Math.floor((segment.offset + segment.bytes.length - 1) / PAGE_SIZE);
    for (let p = Math.floor(segment.offset / PAGE_SIZE); p <= last; p++) {
      recorder?.beforeWrite(contract, p);
      contract.markDirty(p);
    }
    view.set(segment.bytes, segment.offset);
  }
  return contract;
}
