/**
 * A minimal piecrust host for testing the contracts without the engine: deploy, top-level calls with a
 * fresh instance each, inter-contract calls (instance reuse on re-entry, per-frame revert, ContractError
 * codes and the `[u32 len][msg]` panic encoding), events marked reverted, metadata, host queries,
 * feeds, owners, the debug log, and the host's pointer checks. It does not meter gas: `limit()` is the
 * frame's limit and `spent()` a call counter, so only gas *relations* can be tested here.
 */
export const ARGBUF_LEN = 65536;
const MAX_DEPTH = 48;
const WASM32_MAX = 2 ** 32;
const WASM64_MAX = 2 ** 42;

export type ErrorKind =
  | 'Panic'
  | 'OutOfGas'
  | 'ContractDoesNotExist'
  | 'MissingFeed'
  | 'MissingHostQuery'
  | 'MemoryAccessOutOfBounds'
  | 'Utf8'
  | 'RuntimeError'
  | 'InitalizationError';

export class HostError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail = '',
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
  }
}

export interface MockEvent {
  source: string;
  topic: string;
  data: Uint8Array;
  reverted: boolean;
}

interface Contract {
  id: Uint8Array;
  module: WebAssembly.Module;
  memory: Uint8Array;
  owner: Uint8Array;
}

interface Live {
  instance: WebAssembly.Instance;
  contract: Contract;
  is64: boolean;
}

interface Frame {
  live: Live;
  limit: bigint;
  calls: number;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function toError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  return new HostError('RuntimeError', e instanceof Error ? e.message : String(e));
}

export interface MockOptions {
  /** The pre-0.16 `caller: () -> ()` ABI: always writes 32 bytes, zeros without a caller. */
  oldCallerAbi?: boolean;
}

export class MockHost {
  readonly contracts = new Map<string, Contract>();
  readonly events: MockEvent[] = [];
  readonly debugLog: string[] = [];
  readonly meta = new Map<string, Uint8Array>();
  readonly queries = new Map<string, (arg: Uint8Array) => Uint8Array>();
  feeder: ((chunk: Uint8Array) => void) | undefined;

  private live = new Map<string, Live>();
  private frames: Frame[] = [];

  constructor(private readonly options: MockOptions = {}) {}

  deploy(
    bytecode: Uint8Array,
    {
      id,
      owner = new Uint8Array(32),
      init,
    }: { id?: Uint8Array; owner?: Uint8Array; init?: Uint8Array } = {},
  ): Uint8Array {
    const module = new WebAssembly.Module(bytecode);
    const contractId =
      id ?? Uint8Array.from(Buffer.from(`${this.contracts.size + 1}`.padStart(64, '0'), 'hex'));
    const probe = new WebAssembly.Instance(
      module,
      this.imports(() => this.frame().live),
    );
    const memory = new Uint8Array((probe.exports.memory as WebAssembly.Memory).buffer).slice();
    const contract = { id: contractId, module, memory, owner };
    this.contracts.set(hex(contractId), contract);
    if (WebAssembly.Module.exports(module).some((e) => e.name === 'init')) {
      try {
        this.topLevel(contract, 'init', init ?? new Uint8Array(), 1_000_000_000n);
      } catch (e) {
        this.contracts.delete(hex(contractId));
        throw e;
      }
    }
    return contractId;
  }

  /** A top-level call; returns the result bytes or throws a `HostError`. */
  call(
    id: Uint8Array,
    fn: string,
    arg: Uint8Array = new Uint8Array(),
    limit = 1_000_000_000n,
  ): Uint8Array {
    if (fn === 'init') throw new HostError('InitalizationError', 'init call not allowed');
    const contract = this.contracts.get(hex(id));
    if (!contract) throw new HostError('ContractDoesNotExist', hex(id));
    return this.topLevel(contract, fn, arg, limit);
  }

  memoryLength(id: Uint8Array): number {
    return this.contracts.get(hex(id))!.memory.length;
  }

  private topLevel(contract: Contract, fn: string, arg: Uint8Array, limit: bigint): Uint8Array {
    const checkpoint = this.events.length;
    this.live = new Map();
    this.frames = [];
    try {
      const live = this.instantiate(contract);
      this.frames.push({ live, limit, calls: 0 });
      this.writeArg(live, arg);
      const len = this.invoke(live, fn, arg.length);
      if (len < 0 || len > ARGBUF_LEN)
        throw new HostError('RuntimeError', `bad result length ${len}`);
      const result = this.read(live, this.argBuf(live), len);
      for (const l of this.live.values()) l.contract.memory = this.bytes(l).slice();
      return result;
    } catch (e) {
      for (const ev of this.events.slice(checkpoint)) ev.reverted = true;
      throw toError(e);
    } finally {
      this.live = new Map();
      this.frames = [];
    }
  }

  private instantiate(contract: Contract): Live {
    const key = hex(contract.id);
    const existing = this.live.get(key);
    if (existing) return existing;
    // The imports need the instance they belong to, which exists only after instantiation.
    const self: { live?: Live } = {};
    const instance = new WebAssembly.Instance(
      contract.module,
      this.imports(() => self.live!),
    );
    const memory = instance.exports.memory as WebAssembly.Memory;
    const pages = contract.memory.length / 65536 - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    new Uint8Array(memory.buffer).set(contract.memory);
    const is64 = typeof (instance.exports.A as WebAssembly.Global).value === 'bigint';
    const live = { instance, contract, is64 };
    self.live = live;
    this.live.set(key, live);
    return live;
  }

  private invoke(live: Live, fn: string, argLen: number): number {
    const f = live.instance.exports[fn];
    if (typeof f !== 'function') throw new HostError('RuntimeError', `missing export ${fn}`);
    return (f as (n: number) => number)(argLen);
  }

  private frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private bytes(live: Live): Uint8Array {
    return new Uint8Array((live.instance.exports.memory as WebAssembly.Memory).buffer);
  }

  private argBuf(live: Live): number {
    return Number((live.instance.exports.A as WebAssembly.Global).value);
  }

  /** Host reads: checked against the maximum memory size; bytes past the memory read as zero. */
  private read(live: Live, ptr: number, len: number): Uint8Array {
    if (ptr + len > (live.is64 ? WASM64_MAX : WASM32_MAX))
      throw new HostError('MemoryAccessOutOfBounds', `offset ${ptr}, len ${len}`);
    const mem = this.bytes(live);
    const out = new Uint8Array(len);
    if (ptr < mem.length) out.set(mem.subarray(ptr, Math.min(ptr + len, mem.length)));
    return out;
  }

  private write(live: Live, ptr: number, data: Uint8Array): void {
    const memory = live.instance.exports.memory as WebAssembly.Memory;
    const end = ptr + data.length;
    if (end > memory.buffer.byteLength)
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    new Uint8Array(memory.buffer).set(data, ptr);
  }

  private writeArg(live: Live, data: Uint8Array): void {
    if (data.length > ARGBUF_LEN)
      throw new HostError('MemoryAccessOutOfBounds', `argument of ${data.length} bytes`);
    this.write(live, this.argBuf(live), data);
  }

  private utf8(live: Live, ptr: number, len: number): string {
    const data = this.read(live, ptr, len);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new HostError('Utf8');
    }
  }

  /** Inter-contract call (spec §3.5), without gas. */
  private icc(
    caller: Live,
    calleePtr: number,
    namePtr: number,
    nameLen: number,
    argLen: number,
    gasLimit: bigint,
  ): number {
    const calleeId = this.read(caller, calleePtr, 32);
    const name = this.utf8(caller, namePtr, nameLen);
    if (argLen > ARGBUF_LEN)
      throw new HostError('MemoryAccessOutOfBounds', `argument of ${argLen} bytes`);
    const arg = this.read(caller, this.argBuf(caller), argLen);
    const callee = this.contracts.get(hex(calleeId));
    if (!callee) return -3;
    if (this.frames.length >= MAX_DEPTH) return -0x80000000;
    const parent = this.frame();
    const remaining = parent.limit - BigInt(parent.calls);
    const limit =
      gasLimit > 0n && gasLimit < remaining
        ? gasLimit
        : (remaining / 100n) * 93n + ((remaining % 100n) * 93n) / 100n;
    const checkpoint = this.events.length;
    const liveBefore = new Set(this.live.keys());
    const snapshots = new Map<string, Uint8Array>();
    const calleeLive = this.instantiate(callee);
    for (const [key, l] of this.live) snapshots.set(key, this.bytes(l).slice());
    this.frames.push({ live: calleeLive, limit, calls: 0 });
    try {
      if (name === 'init') throw new HostError('RuntimeError', 'init call not allowed');
      this.writeArg(calleeLive, arg);
      const len = this.invoke(calleeLive, name, argLen);
      if (len < 0 || len > ARGBUF_LEN)
        throw new HostError('RuntimeError', `bad result length ${len}`);
      this.write(caller, this.argBuf(caller), this.read(calleeLive, this.argBuf(calleeLive), len));
      return len;
    } catch (e) {
      const err = toError(e);
      for (const ev of this.events.slice(checkpoint)) ev.reverted = true;
      // Revert the callee's subtree: instances it created are dropped (their memory was never
      // stored), the others get their memory back as it was when the frame was pushed.
      for (const [key, l] of [...this.live]) {
        if (!liveBefore.has(key)) {
          this.live.delete(key);
          continue;
        }
        const bytes = snapshots.get(key)!;
        const mem = this.bytes(l);
        mem.fill(0, bytes.length);
        mem.set(bytes);
      }
      const A = this.argBuf(caller);
      if (err.kind === 'Panic') {
        const msg = new TextEncoder().encode(err.detail);
        const out = new Uint8Array(4 + msg.length);
        new DataView(out.buffer).setUint32(0, msg.length, true);
        out.set(msg, 4);
        this.write(caller, A, out);
        return -1;
      }
      if (err.kind === 'OutOfGas') return -2;
      return -0x80000000;
    } finally {
      this.frames.pop();
    }
  }

  private imports(self: () => Live): WebAssembly.Imports {
    // wasm32 pointers and lengths arrive as signed i32: read them as u32, as the host does.
    const n = (x: number | bigint): number => (typeof x === 'bigint' ? Number(x) : x >>> 0);
    const argBuf = (): number => this.argBuf(self());
    return {
      env: {
        c: (
          callee: number | bigint,
          name: number | bigint,
          nameLen: number,
          argLen: number,
          gas: bigint,
        ) => this.icc(self(), n(callee), n(name), n(nameLen), n(argLen), gas),
        hq: (name: number | bigint, nameLen: number, argLen: number) => {
          const live = self();
          const queryName = this.utf8(live, n(name), n(nameLen));
          const query = this.queries.get(queryName);
          if (!query) throw new HostError('MissingHostQuery', queryName);
          const result = query(this.read(live, argBuf(), argLen));
          this.write(live, argBuf(), result);
          return result.length;
        },
        hd: (name: number | bigint, nameLen: number) => {
          const live = self();
          const value = this.meta.get(this.utf8(live, n(name), n(nameLen)));
          if (!value) return 0;
          this.write(live, argBuf(), value);
          return value.length;
        },
        emit: (topic: number | bigint, topicLen: number, argLen: number) => {
          const live = self();
          const text = this.utf8(live, n(topic), n(topicLen));
          this.events.push({
            source: hex(live.contract.id),
            topic: text,
            data: this.read(live, argBuf(), argLen),
            reverted: false,
          });
        },
        feed: (argLen: number) => {
          if (!this.feeder) throw new HostError('MissingFeed');
          this.feeder(this.read(self(), argBuf(), argLen));
        },
        caller: () => {
          const parent = this.frames[this.frames.length - 2];
          if (this.options.oldCallerAbi) {
            this.write(self(), argBuf(), parent ? parent.live.contract.id : new Uint8Array(32));
            return undefined;
          }
          if (!parent) return 0;
          this.write(self(), argBuf(), parent.live.contract.id);
          return 1;
        },
        callstack: () => {
          const ids = this.frames
            .slice(0, -1)
            .reverse()
            .map((f) => f.live.contract.id);
          ids.forEach((id, i) => this.write(self(), argBuf() + 32 * i, id));
          return ids.length;
        },
        limit: () => this.frame().limit,
        spent: () => BigInt(++this.frame().calls),
        panic: (len: number) => {
          throw new HostError('Panic', this.utf8(self(), argBuf(), len));
        },
        owner: (ptr: number | bigint) => {
          const live = self();
          const id = n(ptr) === 0 ? live.contract.id : this.read(live, n(ptr), 32);
          const contract = this.contracts.get(hex(id));
          if (!contract) return 0;
          this.write(live, argBuf(), contract.owner);
          return contract.owner.length;
        },
        self_id: () => this.write(self(), argBuf(), self().contract.id),
        hdebug: (len: number) => {
          this.debugLog.push(this.utf8(self(), argBuf(), len));
        },
      },
    };
  }
}
