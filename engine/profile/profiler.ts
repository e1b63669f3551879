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
 */
import { toContractId, type ContractId } from '../core/ids';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { CallContext } from '../vm/call-context';
import type { Frame } from '../vm/call-frame';
import type { CallTracer, TracedCall } from '../vm/call-tracer';
import { pointer } from '../vm/host-memory';
import type { LoadedContract } from '../vm/loaded-contract';
import { HOST_MODULE } from '../wasm/instrument';
import { PROFILE_ENTER, PROFILE_EXIT, PROFILE_MODULE } from '../wasm/profile-instrument';
import { profilingModule } from './profiling-module';
import type { CallProfile, FunctionNamer, ProfileNode } from './profile-tree';

export interface ProfileNaming {
  /** Names the functions of a contract; default: export name, else `func[N]`. */
  functions?: (contract: LoadedContract) => FunctionNamer | undefined;
  /** Names a contract in contract nodes (`counter.increment`); default: its id's first 8 digits. */
  contract?: (id: ContractId) => string | undefined;
}

/** An invocation still running: its node, the frame it runs in, the remaining gas it began with. */
interface Open {
  node: ProfileNode;
  /** Undefined for the root, which nothing closes but the end of the call. */
  frame: Frame | undefined;
  enter: bigint;
}

export class Profiler implements CallTracer {
  private root: ProfileNode | undefined;
  private gasLimit = 0n;
  private gasSpent: bigint | undefined;
  private readonly stack: Open[] = [];
  private readonly childIndex = new WeakMap<ProfileNode, Map<string, ProfileNode>>();
  private readonly namers = new Map<LoadedContract, FunctionNamer>();

  constructor(private readonly naming: ProfileNaming = {}) {}

  begin(call: TracedCall): void {
    this.gasLimit = call.gasLimit;
    this.root = this.node('contract', this.frameName(call.contract, call.fn), call.contract);
    this.root.calls = 1;
    this.stack.push({ node: this.root, frame: undefined, enter: call.gasLimit });
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
      [PROFILE_ENTER]: (funcIndex: number, gas: bigint) => {
        const frame = ctx.top;
        const key = `f:${contract.id}:${funcIndex}`;
        const node = this.child(this.top().node, key, () => ({
          ...this.node('function', namer(funcIndex), contract.id),
          funcIndex,
        }));
        node.calls++;
        this.stack.push({ node, frame, enter: remainingOf(frame, gas) });
      },
      [PROFILE_EXIT]: (_funcIndex: number, gas: bigint) => {
        this.close(remainingOf(ctx.top, gas));
      },
    };
    return wrapped;
  }

  frameFailed(frame: Frame, spent: bigint): void {
    const end = frame.limit - spent;
    while (this.stack.length > 1 && this.top().frame === frame) this.close(end);
  }

  end(outcome: { gasSpent?: bigint; error?: unknown }): void {
    this.gasSpent = outcome.gasSpent ?? failedCallGasSpent(outcome.error) ?? 0n;
  }

  /** The profile of the call traced (a call that never began: an empty root, nothing spent). */
  profile(fallback: { contract: ContractId; fn: string; gasLimit: bigint }): CallProfile {
    const root =
      this.root ??
      this.node('contract', this.frameName(fallback.contract, fallback.fn), fallback.contract);
    const gasSpent = this.gasSpent ?? 0n;
    root.total = gasSpent;
    fillSelf(root);
    return {
      root,
      gasSpent,
      gasLimit: this.root === undefined ? fallback.gasLimit : this.gasLimit,
    };
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
      const node =
        name === 'c'
          ? this.calleeNode(self, args)
          : this.child(this.top().node, `h:${name}`, () => this.node('host', `[host ${name}]`));
      node.calls++;
      const entry: Open = { node, frame, enter: ctx.remaining(frame) };
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
          while (this.stack.length > 1 && this.top() !== entry) this.close(end);
          this.close(end);
        }
      }
    };
  }

  /** The contract node of a `c` call: `callee.fn`, read from the caller's memory as `c` reads it. */
  private calleeNode(self: LoadedContract, args: unknown[]): ProfileNode {
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
    return this.child(this.top().node, `c:${name}`, () => this.node('contract', name, callee));
  }

  private close(end: bigint): void {
    const open = this.stack.pop();
    if (open === undefined || open.frame === undefined)
      throw new Error('profiler: an exit with no open invocation');
    open.node.total += open.enter - end;
  }

  private top(): Open {
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) throw new Error('profiler: a hook outside a traced call');
    return open;
  }

  private child(parent: ProfileNode, key: string, create: () => ProfileNode): ProfileNode {
    let index = this.childIndex.get(parent);
    if (index === undefined) {
      index = new Map();
      this.childIndex.set(parent, index);
    }
    let node = index.get(key);
    if (node === undefined) {
      node = create();
      index.set(key, node);
      parent.children.push(node);
    }
    return node;
  }

  private node(kind: ProfileNode['kind'], name: string, contract?: ContractId): ProfileNode {
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

  private namerOf(contract: LoadedContract): FunctionNamer {
    let namer = this.namers.get(contract);
    if (namer === undefined) {
      namer = this.naming.functions?.(contract) ?? profilingModule(contract.module).defaultNamer;
      this.namers.set(contract, namer);
    }
    return namer;
  }

  private frameName(contract: ContractId, fn: string): string {
    return `${this.naming.contract?.(contract) ?? contract.slice(0, 8)}.${fn}`;
  }
}

/** The frame's remaining gas with `gas` in its instance: `CallContext.remaining`'s figure. */
function remainingOf(frame: Frame, gas: bigint): bigint {
  const total = frame.reserve + gas;
  return total > 0n ? total : 0n;
}

function fillSelf(node: ProfileNode): void {
  let children = 0n;
  for (const child of node.children) {
    fillSelf(child);
    children += child.total;
  }
  node.self = node.total - children;
}
