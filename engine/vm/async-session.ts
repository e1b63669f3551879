/**
 * A session as the service and the script runner use it: asynchronous, whether it runs on this
 * thread (`localSession`) or on a worker thread (`WorkerSession`, which implements this shape).
 */
import type { ContractId, Root } from '../core/ids';
import type { ContractDiff } from '../diff/state-diff';
import type { Journal } from '../journal/types';
import type { MemoryPage, Session } from './session';
import type { CallReceipt, ContractMetadata, DeployOptions, DeployResult } from './types';

export interface AsyncSession {
  readonly base: Root | null;
  readonly isClosed: boolean;
  deploy(bytecode: Uint8Array, options: DeployOptions, gasLimit: bigint): Promise<DeployResult>;
  callRaw(
    contract: ContractId,
    fn: string,
    arg: Uint8Array,
    gasLimit: bigint,
  ): Promise<CallReceipt>;
  root(): Promise<Root>;
  memoryLen(id: ContractId): Promise<number | undefined>;
  memoryPages(id: ContractId): Promise<MemoryPage[] | undefined>;
  contractMetadata(id: ContractId): Promise<ContractMetadata | undefined>;
  loadedContracts(): Promise<ContractId[]>;
  diffBase(): Promise<ContractDiff[]>;
  pageBytes(id: ContractId, page: number): Promise<Uint8Array>;
  journal(): Promise<Journal | undefined>;
  /** Page versions the journal refers to, by hash (see journal/page-spill.ts). */
  journalPages(hashes: readonly string[]): Promise<Array<Uint8Array | undefined>>;
  debugLog(): Promise<readonly string[]>;
  bytecodeOf(id: ContractId): Promise<Uint8Array | undefined>;
  contractIds(): Promise<ContractId[]>;
  writtenPages(id: ContractId): Promise<number[]>;
  commit(label?: string): Promise<Root>;
  close(): Promise<void>;
}

/** Wrap a same-thread Session (its calls block this thread while they run). */
export function localSession(session: Session): AsyncSession {
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return {
    base: session.base,
    get isClosed() {
      return session.isClosed;
    },
    deploy: (bytecode, options, gas) => run(() => session.deploy(bytecode, options, gas)),
    callRaw: (contract, fn, arg, gas) => run(() => session.callRaw(contract, fn, arg, gas)),
    root: () => run(() => session.root()),
    memoryLen: (id) => run(() => session.memoryLen(id)),
    memoryPages: (id) => run(() => session.memoryPages(id)),
    contractMetadata: (id) => run(() => session.contractMetadata(id)),
    loadedContracts: () => run(() => session.loadedContracts()),
    diffBase: () => run(() => session.diffBase()),
    pageBytes: (id, page) => run(() => session.pageBytes(id, page)),
    journal: () => run(() => session.journal()),
    journalPages: (hashes) => run(() => session.journalPages(hashes)),
    debugLog: () => run(() => session.debugLog()),
    bytecodeOf: (id) => run(() => session.bytecodeOf(id)),
    contractIds: () => run(() => session.contractIds()),
    writtenPages: (id) => run(() => session.writtenPages(id)),
    commit: (label) => session.commit(label),
    close: () => run(() => session.close()),
  };
}
