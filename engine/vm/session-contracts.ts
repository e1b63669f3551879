/**
 * The contracts a session holds: those it deployed and those of its base it has loaded (lazily,
 * on first use), and the state they make (computed again only when something changed).
 */
import { PiecrustError } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import type { NodeStore } from '../merkle/sparse-tree';
import { listRecords, recordAtPosition } from '../state/contract-index';
import { positionFromContract, type ContractRecord } from '../state/contract-record';
import type { CommitStore } from '../store/commit-store';
import type { GasTableName } from '../core/gas-tables';
import type { buildCommitBatch } from './commit-batch';
import type { ContractModule } from './contract-module';
import { loadStoredContract } from './contract-loading';
import type { LoadedContract } from './loaded-contract';
import { computeState, type BaseState, type ComputedState } from './state-computation';

/** What a session needs from its VM. */
export interface SessionHost {
  readonly store: CommitStore;
  loadModule(bytecode: Uint8Array, table: GasTableName): ContractModule;
  moduleByHash(codeHash: string, table: GasTableName): ContractModule;
  releaseBase(root: Root): void;
  writeCommit(batch: ReturnType<typeof buildCommitBatch>): Promise<void>;
}

export class SessionContracts {
  private readonly loaded = new Map<ContractId, LoadedContract>();
  private version = 0;
  private cachedState: { version: number; state: ComputedState } | undefined;
  readonly nodes: NodeStore;

  constructor(
    private readonly host: SessionHost,
    readonly base: Root | null,
    readonly baseState: BaseState,
    private readonly gasTable: GasTableName,
    /** Wire a contract to its session (its host imports) as it is taken in. */
    private readonly wire: (contract: LoadedContract) => void,
  ) {
    this.nodes = host.store;
  }

  /** A contract of the session, loaded from the base if needed. */
  get(id: ContractId): LoadedContract | undefined {
    return this.loaded.get(id) ?? this.loadFromBase(id);
  }

  /** A contract the session has deployed or loaded already (the base's are not loaded). */
  loadedContract(id: ContractId): LoadedContract | undefined {
    return this.loaded.get(id);
  }

  /** Like `get`, failing with ContractDoesNotExist. */
  existing(id: ContractId): LoadedContract {
    const contract = this.get(id);
    if (contract === undefined)
      throw new PiecrustError('ContractDoesNotExist', `Contract does not exist: ${id}`, {
        contract: id,
      });
    return contract;
  }

  baseRecord(id: ContractId): ContractRecord | undefined {
    if (this.base === null) return undefined;
    const record = recordAtPosition(this.nodes, this.baseState.indexRoot, positionFromContract(id));
    return record?.id === id ? record : undefined;
  }

  /** The module of a contract of the base. */
  storedModule(record: ContractRecord): ContractModule {
    return this.host.moduleByHash(record.codeHash, this.gasTable);
  }

  take(contract: LoadedContract): LoadedContract {
    this.wire(contract);
    this.loaded.set(contract.id, contract);
    return contract;
  }

  remove(id: ContractId): void {
    this.loaded.delete(id);
  }

  private loadFromBase(id: ContractId): LoadedContract | undefined {
    const record = this.baseRecord(id);
    if (record === undefined) return undefined;
    return this.take(
      loadStoredContract(record, this.storedModule(record), this.host.store, this.nodes),
    );
  }

  /** HEAD's collision rule: no other contract of the session or base may share the position. */
  checkPositionFree(id: ContractId, ignore: ContractId[]): void {
    const pos = positionFromContract(id);
    for (const other of this.loaded.values()) {
      if (other.position === pos && !ignore.includes(other.id)) throw collision(id, pos);
    }
    const record = recordAtPosition(this.nodes, this.baseState.indexRoot, pos);
    if (record !== undefined && !ignore.includes(record.id)) throw collision(id, pos);
  }

  /**
   * A migration's end (spec §2.4): the contract deployed as `newId` takes `target`'s id and
   * place, replacing it.
   */
  replaceByMigrated(target: ContractId, newId: ContractId): void {
    const replacement = this.loaded.get(newId);
    if (replacement === undefined) throw new Error(`migrated contract ${newId} vanished`);
    // Another contract at the target's position (the target itself and the temporary id aside).
    this.checkPositionFree(target, [target, newId]);
    const baseRecord = this.baseRecord(target);
    this.loaded.delete(newId);
    this.loaded.delete(target);
    replacement.renameTo(target);
    replacement.basePosition = baseRecord?.position;
    replacement.baseMemoryLen = baseRecord?.memoryLen;
    replacement.isNew = true;
    this.loaded.set(target, replacement);
    this.changed();
  }

  /** Something changed the state: the next `state()` computes it again. */
  changed(): void {
    this.version++;
  }

  state(): ComputedState {
    if (this.cachedState?.version !== this.version) {
      const previous = this.cachedState?.state;
      const state = computeState(this.baseState, this.loaded.values(), this.nodes, previous);
      this.cachedState = { version: this.version, state };
    }
    return this.cachedState.state;
  }

  /** Every contract of the state: the base's and those deployed here, sorted. */
  ids(): ContractId[] {
    const ids = new Set<ContractId>(this.loaded.keys());
    if (this.base !== null)
      for (const r of listRecords(this.nodes, this.baseState.indexRoot)) ids.add(r.id);
    return [...ids].sort();
  }

  loadedIds(): ContractId[] {
    return [...this.loaded.keys()];
  }

  clear(): void {
    this.loaded.clear();
  }
}

function collision(id: ContractId, pos: number): PiecrustError {
  return new PiecrustError(
    'ContractPositionCollision',
    `Contract '${id}' collides at Merkle position ${pos}`,
    {
      contract: id,
      pos,
    },
  );
}
