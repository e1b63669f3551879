/**
 * The gas profiler: a call tracer (vm/call-tracer.ts) that instantiates every contract of the call
 * with its profiling module (profiling-module.ts) and builds the call's `CallProfile` from the
 * hooks. Every figure is a difference of the frame's remaining gas (`gas + reserve`, clamped at 0
 * as `CallContext.remaining` is) between two points, so the tree adds up exactly:
 *
 * - a function invocation: remaining at `enter` − remaining at `exit`;
 * - a host function (`[host emit]`): remaining before − after, read by a wrapper of its import
 *   (the metered code publishes its gas before every host call);
 * - an inter-contract call (`c`): a contract node, the same difference, whose children are the
 *   callee's functions;
 * - a failed frame (trap, out of gas, a failed callee): its open invocations close at the
 *   failure, at `limit − spent`, the figure the engine gives the frame (CallContext.fail);
 * - the root: the call's gasSpent (the error's, for a failed call: failed-call-gas.ts).
 *
 * Invocations are merged by path: the same function entered from the same node is one node.
 *
 * One case does not add up with every self ≥ 0: a trap the metered code does not publish its gas
 * before (a memory access out of bounds, a division by zero; body-rewriter.ts publishes before
 * host calls, `unreachable` and out of gas). The engine then counts the frame's gas as last
 * published, which can be more than remained when the trap came, so completed callees may hold
 * more than the trapping function's total: its self is negative, and checkProfile says so.
 */
import { toContractId, type ContractId } from '../core/ids';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { CallContext } from '../vm/call-context';
import type { Frame } from '../vm/call-frame';
import type { CallTracer, TracedCall } from '../vm/call-tracer';
import { pointer } from '../vm/host-memory';
import type { LoadedContract } from '../vm/loaded-contract';
import { HOST_MODULE } from '../wasm/instrumented-layout';
import { PROFILE_ENTER, PROFILE_EXIT, PROFILE_MODULE } from '../wasm/profile-instrument';
import { profilingModule } from './profiling-module';
import type { CallProfile, FunctionNamer, ProfileNode } from './profile-tree';

export interface ProfileNaming {
  /** Names the functions of a contract; default: export name, else `func[N]`. */
  functions?: (contract: LoadedContract) => FunctionNamer | undefined;
  /** Names a contract in contract nodes (`counter.increment`); default: its id's first 8 digits. */
  contract?: (id: ContractId) => string | undefined;
}

/**
 * A node while the call runs: its gas is added up in a number (`pending`, exact below 2^53, folded
 * into the node's bigint total before it could reach that) so that a hook allocates no BigInt.
 */
interface Tally {
  node: ProfileNode;
  pending: number;
  /** Function children by index: a node's functions are all its frame's contract's. */
  functions: Map<number, Tally> | undefined;
  /** Host and contract children by name. */
  others: Map<string, Tally> | undefined;
}

/**
 * An invocation still running: its node, the frame it runs in, and the remaining gas it began
 * with, as `reserve + gas` (kept apart: the reserve rarely moves, the gas is a small number).
 */
interface Open {
  tally: Tally;
  /** Undefined for the root, which nothing closes but the end of the call. */
  frame: Frame | undefined;
  reserve: bigint;
  gas: number;
}

const FOLD_AT = 2 ** 50;
const FOLD_AT_BIG = 2n ** 50n;

export class Profiler implements CallTracer {
  private root: Tally | undefined;
  private gasLimit = 0n;
  private gasSpent: bigint | undefined;
  private readonly stack: Open[] = [];
  private readonly namers = new Map<LoadedContract, FunctionNamer>();

  constructor(private readonly naming: ProfileNaming = {}) {}

  begin(call: TracedCall): void {
    this.gasLimit = call.gasLimit;
    this.root = tally(node('contract', this.frameName(call.contract, call.fn), call.contract));
    this.root.node.calls = 1;
    this.stack.push({ tally: this.root, frame: undefined, reserve: call.gasLimit, gas: 0 });
  }

  moduleFor(contract: LoadedContract): WebAssembly.Module {
    return profilingModule(contract.module).module;
  }

  instantiate(
    contract: LoadedContract,
    imports: WebAssembly.Imports,
    ctx: CallContext,
  ): WebAssembly.Imports {
    const wrapped: WebAssembly.Imports = {};
    for (const [module, fields] of Object.entries(imports)) {
      if (module === HOST_MODULE) {
        wrapped[module] = fields;
        continue;
      }
      const out: WebAssembly.ModuleImports = {};
      for (const [name, value] of Object.entries(fields)) {
        out[name] =
          typeof value === 'function'
            ? this.hostWrapper(ctx, contract, name, value as (...a: unknown[]) => unknown)
            : value;
      }
      wrapped[module] = out;
    }
    const namer = this.namerOf(contract);
    wrapped[PROFILE_MODULE] = {
      [PROFILE_ENTER]: (funcIndex: number, gas: number) => {
        const parent = this.top().tally;
        parent.functions ??= new Map();
        let child = parent.functions.get(funcIndex);
        if (child === undefined) {
          child = tally({ ...node('function', namer(funcIndex), contract.id), funcIndex });
          parent.functions.set(funcIndex, child);
          parent.node.children.push(child.node);
        }
        child.node.calls++;
        const frame = ctx.top;
        const open: Open = { tally: child, frame, reserve: frame.reserve, gas };
        if (gas < 0) clampAtZero(open);
        this.stack.push(open);
      },
      [PROFILE_EXIT]: (_funcIndex: number, gas: number) => {
        const frame = ctx.top;
        if (gas < 0 && frame.reserve + BigInt(gas) < 0n) this.close(0n, 0);
        else this.close(frame.reserve, gas);
      },
    };
    return wrapped;
  }

  frameFailed(frame: Frame, spent: bigint): void {
    const end = frame.limit - spent;
    while (this.stack.length > 1 && this.top().frame === frame) this.close(end, 0);
  }

  end(outcome: { gasSpent?: bigint; error?: unknown }): void {
    this.gasSpent = outcome.gasSpent ?? failedCallGasSpent(outcome.error) ?? 0n;
  }

  /** The profile of the call traced (a call that never began: an empty root, nothing spent). */
  profile(fallback: { contract: ContractId; fn: string; gasLimit: bigint }): CallProfile {
    const began = this.root !== undefined;
    const root =
      this.root ??
      tally(node('contract', this.frameName(fallback.contract, fallback.fn), fallback.contract));
    fold(root);
    const gasSpent = this.gasSpent ?? 0n;
    root.node.total = gasSpent;
    fillSelf(root.node);
    return { root: root.node, gasSpent, gasLimit: began ? this.gasLimit : fallback.gasLimit };
  }

  /** A host import measured around its call; `c` opens a contract node for the callee. */
  private hostWrapper(
    ctx: CallContext,
    self: LoadedContract,
    name: string,
    host: (...args: unknown[]) => unknown,
  ): (...args: unknown[]) => unknown {
    return (...args: unknown[]) => {
      const frame = ctx.top;
      const child =
        name === 'c'
          ? this.calleeTally(self, args)
          : this.other(`h:${name}`, () => node('host', `[host ${name}]`));
      child.node.calls++;
      const entry: Open = { tally: child, frame, reserve: ctx.remaining(frame), gas: 0 };
      this.stack.push(entry);
      let returned = false;
      try {
        const result = host(...args);
        returned = true;
        return result;
      } finally {
        // On an error the frame's failure closes what is still open (frameFailed), unless it is
        // the host call itself (a charge out of gas, a bad pointer): closed where it stopped.
        if (returned || this.top() === entry) {
          const end = ctx.remaining(frame);
          while (this.stack.length > 1 && this.top() !== entry) this.close(end, 0);
          this.close(end, 0);
        }
      }
    };
  }

  /** The contract node of a `c` call: `callee.fn`, read from the caller's memory as `c` reads it. */
  private calleeTally(self: LoadedContract, args: unknown[]): Tally {
    let callee: ContractId | undefined;
    let fn = '?';
    try {
      callee = toContractId(self.read(pointer(args[0] as number | bigint), 32));
      const len = Number(args[2]) >>> 0;
      const bytes = self.read(pointer(args[1] as number | bigint), Math.min(len, 256));
      fn = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // A bad pointer or name: `c` traps the caller with the real cause; the node just says '?'.
    }
    const name = callee === undefined ? `?.${fn}` : this.frameName(callee, fn);
    return this.other(`c:${name}`, () => node('contract', name, callee));
  }

  /** The top invocation's host or contract child of that key, made on first use. */
  private other(key: string, create: () => ProfileNode): Tally {
    const parent = this.top().tally;
    parent.others ??= new Map();
    let child = parent.others.get(key);
    if (child === undefined) {
      child = tally(create());
      parent.others.set(key, child);
      parent.node.children.push(child.node);
    }
    return child;
  }

  /** Close the top invocation at the remaining gas `reserve + gas`. */
  private close(reserve: bigint, gas: number): void {
    const open = this.stack.pop();
    if (open === undefined || open.frame === undefined)
      throw new Error('profiler: an exit with no open invocation');
    const t = open.tally;
    const fromReserve = open.reserve === reserve ? 0n : open.reserve - reserve;
    if (fromReserve < FOLD_AT_BIG && fromReserve > -FOLD_AT_BIG) {
      t.pending += Number(fromReserve) + (open.gas - gas);
      if (t.pending >= FOLD_AT || t.pending <= -FOLD_AT) fold(t, false);
    } else {
      t.node.total += fromReserve + BigInt(open.gas - gas);
    }
  }

  private top(): Open {
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) throw new Error('profiler: a hook outside a traced call');
    return open;
  }

  private namerOf(contract: LoadedContract): FunctionNamer {
    let namer = this.namers.get(contract);
    if (namer === undefined) {
      // The contract module's own namer: demangled name-section names, export names, func[N].
      namer = this.naming.functions?.(contract) ?? contract.module.functionName;
      this.namers.set(contract, namer);
    }
    return namer;
  }

  private frameName(contract: ContractId, fn: string): string {
    return `${this.naming.contract?.(contract) ?? contract.slice(0, 8)}.${fn}`;
  }
}

/** An invocation entered with negative gas and nothing in reserve has 0 left (remaining()). */
function clampAtZero(open: Open): void {
  if (open.reserve + BigInt(open.gas) < 0n) {
    open.reserve = 0n;
    open.gas = 0;
  }
}

function tally(profileNode: ProfileNode): Tally {
  return { node: profileNode, pending: 0, functions: undefined, others: undefined };
}

function node(kind: ProfileNode['kind'], name: string, contract?: ContractId): ProfileNode {
  return {
    kind,
    name,
    ...(contract === undefined ? {} : { contract }),
    self: 0n,
    total: 0n,
    calls: 0,
    children: [],
  };
}

/** Move the numbers added up into the bigint totals (the whole subtree, or `t` alone). */
function fold(t: Tally, deep = true): void {
  if (t.pending !== 0) {
    t.node.total += BigInt(t.pending);
    t.pending = 0;
  }
  if (!deep) return;
  for (const child of t.functions?.values() ?? []) fold(child);
  for (const child of t.others?.values() ?? []) fold(child);
}

function fillSelf(profileNode: ProfileNode): void {
  let children = 0n;
  for (const child of profileNode.children) {
    fillSelf(child);
    children += child.total;
  }
  profileNode.self = profileNode.total - children;
}
