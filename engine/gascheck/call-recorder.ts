/**
 * Records what the wasmtime oracle needs to re-run a top-level call: each contract's bytecode
 * and its memory as the call found it (taken when the contract gets its instance), and every
 * host call in execution order with its arguments, result, error, the gas left before and after
 * it, and the bytes it wrote into the argument buffer. Set on a session with `setTracer`.
 */
import { isPiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import { bytesToHex } from '../core/ids';
import { changedRanges } from '../diff/byte-ranges';
import type { CallContext } from '../vm/call-context';
import type { CallTracer, TracedCall } from '../vm/call-tracer';
import { ARGBUF_LEN } from '../core/abi';
import type { LoadedContract } from '../vm/loaded-contract';
import type { GasTableName } from '../core/gas-tables';
import { HOST_MODULE } from '../wasm/instrumented-layout';

/** One host call as the oracle reads it (numbers as decimal strings: they may be u64). */
export interface HostCallRecord {
  contract: ContractId;
  name: string;
  args: string[];
  ret?: string;
  error?: { code: string; message: string };
  /** Gas left in the calling frame when the host function was entered, and when it returned. */
  before: string;
  after: string;
  /** Bytes the host wrote into the caller's argument buffer: [absolute offset, hex]. */
  writes: Array<[number, string]>;
}

export interface RecordedContract {
  id: ContractId;
  codeHash: string;
  bytecode: Uint8Array;
  /** Its memory when it was instantiated for the call (before the argument was written). */
  image: Uint8Array;
  argBuffer: number;
  is64: boolean;
}

export interface RecordedCall extends TracedCall {
  gasTable: GasTableName;
  contracts: Map<ContractId, RecordedContract>;
  hostCalls: HostCallRecord[];
  /** The engine's gas spent (a failed call's: up to its failure, as its result says). */
  gasSpent?: bigint;
  error?: { code: string; message: string };
}

function errorOf(e: unknown): { code: string; message: string } {
  if (isPiecrustError(e)) return { code: e.code, message: e.message };
  return { code: 'RuntimeError', message: e instanceof Error ? e.message : String(e) };
}

type HostFunction = (...args: unknown[]) => unknown;

export class CallRecorder implements CallTracer {
  private current: RecordedCall | undefined;

  /** Recorded calls go to `calls` (several sessions may share one list, in call order). */
  constructor(
    private readonly gasTable: GasTableName,
    readonly calls: RecordedCall[] = [],
  ) {}

  begin(call: TracedCall): void {
    this.current = {
      ...call,
      arg: call.arg.slice(),
      gasTable: this.gasTable,
      contracts: new Map(),
      hostCalls: [],
    };
  }

  instantiate(
    contract: LoadedContract,
    imports: WebAssembly.Imports,
    ctx: CallContext,
  ): WebAssembly.Imports {
    const current = this.current;
    if (current === undefined) return imports;
    current.contracts.set(contract.id, {
      id: contract.id,
      codeHash: contract.module.codeHash,
      bytecode: contract.module.bytecode,
      image: contract.view().slice(0, contract.length),
      argBuffer: contract.module.argBuffer,
      is64: contract.module.is64,
    });
    const wrapped: WebAssembly.Imports = {};
    for (const [module, table] of Object.entries(imports)) {
      if (module === HOST_MODULE) {
        wrapped[module] = table;
        continue;
      }
      const functions: Record<string, HostFunction> = {};
      for (const [name, fn] of Object.entries(table as Record<string, HostFunction>)) {
        functions[name] = this.wrap(current, contract, name, fn, ctx);
      }
      wrapped[module] = functions;
    }
    return wrapped;
  }

  private wrap(
    call: RecordedCall,
    contract: LoadedContract,
    name: string,
    fn: HostFunction,
    ctx: CallContext,
  ): HostFunction {
    const argBuffer = contract.module.argBuffer;
    return (...args: unknown[]) => {
      const frame = ctx.top;
      const record: HostCallRecord = {
        contract: contract.id,
        name,
        args: args.map((a) => String(a)),
        before: ctx.remaining(frame).toString(),
        after: '',
        writes: [],
      };
      call.hostCalls.push(record);
      // `c` is re-run natively by the oracle, callee and all; the others are replayed.
      const bufferBefore = name === 'c' ? undefined : contract.read(argBuffer, ARGBUF_LEN);
      try {
        const ret = fn(...args);
        if (ret !== undefined) record.ret = String(ret);
        return ret;
      } catch (e) {
        record.error = errorOf(e);
        throw e;
      } finally {
        record.after = ctx.remaining(frame).toString();
        if (bufferBefore !== undefined) {
          const bufferAfter = contract.read(argBuffer, ARGBUF_LEN);
          for (const { start, end } of changedRanges(bufferBefore, bufferAfter, 0)) {
            record.writes.push([argBuffer + start, bytesToHex(bufferAfter.subarray(start, end))]);
          }
        }
      }
    };
  }

  end(outcome: { gasSpent?: bigint; error?: unknown }): void {
    const current = this.current;
    if (current === undefined) return;
    if (outcome.error !== undefined) current.error = errorOf(outcome.error);
    current.gasSpent = outcome.gasSpent;
    this.calls.push(current);
    this.current = undefined;
  }
}
