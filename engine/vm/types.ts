/**
 * The data the engine hands out: receipts, call trees and events (spec §1.5–1.7), and the
 * options of sessions, deploys and host queries. Gas values are `bigint` (u64).
 */
import type { GasTableName } from '../core/gas-tables';
import type { ContractId, Root } from '../core/ids';

export interface Event {
  /** The emitting contract. */
  source: ContractId;
  topic: string;
  /** The bytes the contract put in its argument buffer (rkyv for `emit`, raw for `emit_raw`). */
  data: Uint8Array;
  /** True when the frame that emitted it failed (the event stays in the session's list). */
  reverted: boolean;
}

/**
 * One successful frame. `spent` is exclusive (this frame minus its children's inclusive spent),
 * so the sum over the tree equals the receipt's `gasSpent`. `fn` is an addition to piecrust's
 * `CallTreeElem`, for display.
 */
export interface CallTreeNode {
  contractId: ContractId;
  fn: string;
  limit: bigint;
  spent: bigint;
  /** Memory length of the contract when the frame was pushed. */
  memLen: number;
  children: CallTreeNode[];
}

export interface CallReceipt {
  data: Uint8Array;
  gasLimit: bigint;
  gasSpent: bigint;
  events: Event[];
  callTree: CallTreeNode;
}

/** piecrust's `CallTree::iter()` order: reverse post-order, root last. */
export function callTreeOrder(tree: CallTreeNode): CallTreeNode[] {
  const out: CallTreeNode[] = [];
  const visit = (node: CallTreeNode): void => {
    for (let i = node.children.length - 1; i >= 0; i--) visit(node.children[i]);
    out.push(node);
  };
  visit(tree);
  return out;
}

/**
 * A host query (spec §1.1, HEAD): `price` is charged before `execute` runs; `execute` gets the
 * argument bytes and the contract's whole 64 KiB argument buffer, writes its result at the start
 * and returns its length (or returns the result bytes, which the engine writes for it).
 */
export interface HostQuery {
  price?(arg: Uint8Array): bigint;
  execute(arg: Uint8Array, buffer: Uint8Array): number | Uint8Array;
}

export interface SessionOptions {
  /** Commit to start from; genesis (the empty state) when absent or null. */
  base?: Root | null;
  /** Metadata items as rkyv bytes, read by contracts through `hd` (e.g. "height"). */
  meta?: Record<string, Uint8Array>;
  /** Registered host queries this session must not see. */
  excludeHostQueries?: string[];
  /** Default true: a throwing host query becomes `Panic("host query panicked")`. */
  containHostQueryPanics?: boolean;
  /** A name for the UI and scripts. */
  name?: string;
  /** Record every call with its steps and memory deltas (engine/journal), kept with the commit. */
  journal?: boolean;
  /** The gas table calls are metered with (spec §4.1); the VM's (default `head`) when absent. */
  gasTable?: GasTableName;
  /**
   * Wall-clock limit of every top-level call, in milliseconds: past it the call fails with
   * `Interrupted` and reverts (also `Session.setCallTimeout`). None by default.
   */
  timeoutMs?: number;
  /**
   * A flag another thread sets (non-zero, `Atomics.store`) to interrupt the running call: it
   * fails with `Interrupted` and reverts; the session stays usable. The caller resets it.
   */
  interrupt?: Int32Array;
}

export interface DeployOptions {
  /** Owner bytes, any length (mandatory, as in piecrust). */
  owner: Uint8Array;
  /** Explicit id; otherwise blake3(bytecode). */
  contractId?: ContractId;
  /** rkyv bytes of the `init` argument. */
  initArg?: Uint8Array;
}

export interface DeployResult {
  contractId: ContractId;
  /** Present iff the contract exports `init` (it ran). */
  receipt: CallReceipt | undefined;
}

export interface ContractMetadata {
  contractId: ContractId;
  owner: Uint8Array;
}

/**
 * Called before every inter-contract call with the callee, function, argument and the stack of
 * callers (immediate caller first). Returning a string rejects the call: the caller sees
 * `ContractError::Panic(message)` and nothing is charged.
 */
export type CallHook = (
  callee: ContractId,
  fn: string,
  arg: Uint8Array,
  stack: ContractId[],
) => string | undefined;
