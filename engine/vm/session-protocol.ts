/**
 * The session's operations as the service and the script runner use them, declared once: the
 * asynchronous shape both a same-thread session (`localSession`) and a session on a worker
 * thread (`WorkerSession`) have. Everything else is derived from this interface: the list of
 * operation names (checked against it both ways), the worker's message for each operation with
 * its arguments typed per operation (threads/protocol.ts), the worker's dispatcher and the
 * client's methods. Every argument and result is data structured clone carries (Uint8Array,
 * bigint); a failed deploy or call is part of its outcome, not an exception.
 */
import type { ContractId, Root } from '../core/ids';
import type { ContractDiff } from '../diff/state-diff';
import type { Journal } from '../journal/types';
import type { ProfiledCallOutcome } from '../profile/profile-call';
import type { CallOutcome, DeployOutcome, SessionSummary } from './call-outcome';
import type { MemoryPage } from './page-opening';
import type { ContractMetadata, DeployOptions } from './types';

export interface SessionOperations {
  /** Deploy a contract: one answer with its outcome (call-outcome.ts), failed or not. */
  deploy(bytecode: Uint8Array, options: DeployOptions, gasLimit: bigint): Promise<DeployOutcome>;
  /** Call `fn` of `contract` with raw argument bytes: one answer with its outcome. */
  call(contract: ContractId, fn: string, arg: Uint8Array, gasLimit: bigint): Promise<CallOutcome>;
  /**
   * `call`, profiled (profile/): the same outcome, and the call's gas profile by WebAssembly
   * function (bigints and all, as structured clone carries them).
   */
  profileCall(
    contract: ContractId,
    fn: string,
    arg: Uint8Array,
    gasLimit: bigint,
  ): Promise<ProfiledCallOutcome>;
  /** What the session's listing shows: root, contracts, recorded calls and deploys. */
  summary(): Promise<SessionSummary>;
  memoryLen(id: ContractId): Promise<number | undefined>;
  memoryPages(id: ContractId): Promise<MemoryPage[] | undefined>;
  contractMetadata(id: ContractId): Promise<ContractMetadata | undefined>;
  diffBase(): Promise<ContractDiff[]>;
  pageBytes(id: ContractId, page: number): Promise<Uint8Array>;
  /** The recorded calls from index `from` up to `to` (exclusive; all by default), with their indexes. */
  journal(from?: number, to?: number): Promise<Journal | undefined>;
  /** Page versions the journal refers to, by hash (see journal/page-spill.ts). */
  journalPages(hashes: readonly string[]): Promise<Array<Uint8Array | undefined>>;
  bytecodeOf(id: ContractId): Promise<Uint8Array | undefined>;
  contractIds(): Promise<ContractId[]>;
  writtenPages(id: ContractId): Promise<number[]>;
  /** Write the session as a commit; the session ends. */
  commit(label?: string): Promise<Root>;
}

export type SessionOperation = keyof SessionOperations;

/**
 * Every operation, checked by the compiler against the interface in both directions (an
 * operation added to SessionOperations and missing here, or the reverse, is a type error).
 */
const OPERATION_SET = {
  deploy: true,
  call: true,
  profileCall: true,
  summary: true,
  memoryLen: true,
  memoryPages: true,
  contractMetadata: true,
  diffBase: true,
  pageBytes: true,
  journal: true,
  journalPages: true,
  bytecodeOf: true,
  contractIds: true,
  writtenPages: true,
  commit: true,
} as const satisfies Record<SessionOperation, true>;

export const SESSION_OPERATIONS = Object.keys(OPERATION_SET) as SessionOperation[];

export type OperationArgs = { [M in SessionOperation]: Parameters<SessionOperations[M]> };
export type OperationResult = {
  [M in SessionOperation]: Awaited<ReturnType<SessionOperations[M]>>;
};

/** One operation with its arguments, typed per operation (a union over the operations). */
export type Invocation<M extends SessionOperation = SessionOperation> = {
  [K in M]: { method: K; args: OperationArgs[K] };
}[M];

/**
 * The operations as the thread that holds the session runs them: each may answer at once (the
 * Session is synchronous) or later (`commit` waits for the store).
 */
export type OperationRunner = {
  [M in SessionOperation]: (
    ...args: OperationArgs[M]
  ) => OperationResult[M] | Promise<OperationResult[M]>;
};

/** Run an invocation on `runner`: the method and its arguments match by construction. */
export function runInvocation<M extends SessionOperation>(
  runner: OperationRunner,
  invocation: Invocation<M>,
): OperationResult[M] | Promise<OperationResult[M]> {
  const operation: (...args: OperationArgs[M]) => OperationResult[M] | Promise<OperationResult[M]> =
    runner[invocation.method];
  return operation(...invocation.args);
}

/**
 * The operations of a client that sends each one as an invocation, `send` answering with that
 * operation's result (the worker's client; `localSession`).
 */
export function operationsVia(
  send: (invocation: Invocation) => Promise<unknown>,
): SessionOperations {
  const operations: Partial<Record<SessionOperation, unknown>> = {};
  for (const method of SESSION_OPERATIONS) {
    operations[method] = (...args: OperationArgs[typeof method]) =>
      send({ method, args } as Invocation);
  }
  // Complete (one entry per name of SESSION_OPERATIONS, which the compiler checked), and each
  // answers with its own operation's result: `send`'s contract.
  return operations as SessionOperations;
}
