/**
 * An observer of top-level calls, for tools that re-run a call elsewhere (gascheck/ replays calls
 * in wasmtime). It sees each contract's memory as the call found it, at the moment the contract
 * gets its instance, and it may wrap the contract's host imports to record what they did.
 * Sessions without a tracer pay nothing: the import object is only wrapped when one is set.
 */
import type { ContractId } from '../core/ids';
import type { CallContext } from './call-context';
import type { Frame } from './call-frame';
import type { LoadedContract } from './loaded-contract';

export interface TracedCall {
  kind: 'call' | 'deploy';
  contract: ContractId;
  fn: string;
  arg: Uint8Array;
  gasLimit: bigint;
}

export interface CallTracer {
  /** A top-level call (or a deploy's `init`) starts. */
  begin(call: TracedCall): void;
  /**
   * `contract` is about to be instantiated for the call: its memory is what the call found
   * (before the argument is written). Returns the imports to instantiate it with.
   */
  instantiate(
    contract: LoadedContract,
    imports: WebAssembly.Imports,
    ctx: CallContext,
  ): WebAssembly.Imports;
  /**
   * The module to instantiate `contract` with instead of its own (the profiler's variant, which
   * meters alike); undefined: its own.
   */
  moduleFor?(contract: LoadedContract): WebAssembly.Module | undefined;
  /** `frame` failed having spent `spent` (inclusive), before its revert (CallContext.fail). */
  frameFailed?(frame: Frame, spent: bigint): void;
  /** The call ended: its gas spent, or its error. */
  end(outcome: { gasSpent?: bigint; error?: unknown }): void;
}
