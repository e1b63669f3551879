/**
 * Loading a contract's bytecode: validation against piecrust's contract ABI (spec §2.2 steps
 * 3–5, §3.1) and instrumentation (wasm/instrument.ts) into the module instantiated per call.
 * The result is immutable and shared by every session through the VM's module cache, keyed by
 * the BLAKE3 hash of the bytecode and the gas table it is metered with.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { ByteReader, WasmDecodeError } from '../wasm/binary';
import { createInstr, readInstr } from '../wasm/instructions';
import { INSTRUMENTER_VERSION, instrumentModule } from '../wasm/instrument';
import { originalFunctionIndex } from '../wasm/instrumented-layout';
import { createFunctionNamer } from '../profile/function-names';
import type { FunctionNamer } from '../profile/profile-tree';
import { parseUserModule } from '../wasm/parse-user-module';
import type { GasTableName } from '../core/gas-tables';
import { GAS_TABLES } from '../wasm/gas-schedule';
import {
  constExprValue,
  formatFuncType,
  funcTypeOf,
  I32,
  I64,
  type WasmModule,
} from '../wasm/module';
import {
  ARGBUF_LEN,
  expectedHostSignature,
  isHostImportName,
  matchHostSignature,
  MAX_PAGES_32,
  MAX_PAGES_64,
  PAGE_SIZE,
  type HostImportName,
} from './host-abi';

export interface DataSegment {
  offset: number;
  bytes: Uint8Array;
}

export interface ContractModule {
  /** blake3(bytecode), lowercase hex: the default contract id and the cache key. */
  readonly codeHash: string;
  readonly bytecode: Uint8Array;
  /** The gas table the instrumented module charges. */
  readonly gasTable: GasTableName;
  /** The instrumented module, instantiated once per top-level call. */
  readonly module: WebAssembly.Module;
  readonly is64: boolean;
  /** Offset of the 64 KiB argument buffer (exported global `A`). */
  readonly argBuffer: number;
  readonly minPages: number;
  /** Maximum the memory may grow to: the module's own limit or the architecture's. */
  readonly maxPages: number;
  readonly functions: ReadonlySet<string>;
  /** UTF-8 length of the longest exported function name (a longer name can match none). */
  readonly longestExport: number;
  /** Host imports by module name, as the import object must provide them. */
  readonly imports: ReadonlyMap<string, readonly HostImportName[]>;
  /** `caller` imported as `() -> ()`: the pre-0.16 uplink ABI. */
  readonly legacyCaller: boolean;
  readonly dataSegments: readonly DataSegment[];
  /**
   * An ABI violation found while loading, raised at deploy *after* the id collision checks,
   * where piecrust's instantiation would raise it (spec §2.2 step 5).
   */
  readonly abiError: PiecrustError | undefined;
  /** The instrumented bytes (stored with the commit so that reloading skips the rewrite). */
  readonly instrumented: Uint8Array;
  /** Names the original module's functions (name section demangled, export name, `func[N]`). */
  readonly functionName: FunctionNamer;
  /**
   * The original index of a function of the instrumented module (as V8's stack traces number
   * them), or of its profiling variant (`profiling`); undefined for the engine's own wrappers
   * and helpers (and the profiling variant's moved bodies: their wrapper frame names them).
   */
  originalFunctionIndex(instrumentedIndex: number, profiling?: boolean): number | undefined;
}

/**
 * Store key of a contract's instrumented module under a gas table: changes whenever the
 * instrumentation does. Starts with the code hash and a colon (store/reachability.ts).
 */
export function moduleKey(codeHash: string, gasTable: GasTableName): string {
  return `${codeHash}:${INSTRUMENTER_VERSION}:${gasTable}`;
}

function runtimeError(
  message: string,
  details: Record<string, string | number> = {},
): PiecrustError {
  return new PiecrustError('RuntimeError', message, details);
}

function checkAbi(m: WasmModule, is64: boolean): { argBuffer: number; error?: PiecrustError } {
  const exportedMemories = m.exports.filter((e) => e.kind === 'memory').length;
  if (exportedMemories > 1) {
    return {
      argBuffer: 0,
      error: new PiecrustError('TooManyMemories', `TooManyMemories(${exportedMemories})`, {
        count: exportedMemories,
      }),
    };
  }
  for (const e of m.exports) {
    if (e.kind !== 'func') continue;
    const type = funcTypeOf(m, e.index);
    const ok =
      type !== undefined &&
      type.params.length === 1 &&
      type.params[0] === I32 &&
      type.results.length === 1 &&
      type.results[0] === I32;
    if (!ok) {
      return {
        argBuffer: 0,
        error: new PiecrustError('InvalidFunction', `Invalid function: ${e.name}`, {
          function: e.name,
          type: type === undefined ? 'unknown' : formatFuncType(type),
          expected: '(i32) -> (i32)',
        }),
      };
    }
  }
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func' || !isHostImportName(imp.name)) {
      return {
        argBuffer: 0,
        error: new PiecrustError('InvalidFunction', `Invalid function: ${imp.name}`, {
          import: `${imp.module}.${imp.name}`,
          kind: imp.desc.kind,
          reason: 'not a piecrust host function',
        }),
      };
    }
    const type = m.types[imp.desc.typeIndex];
    if (matchHostSignature(imp.name, type, is64) < 0) {
      const expected = formatFuncType(expectedHostSignature(imp.name, is64));
      return {
        argBuffer: 0,
        error: runtimeError(
          `import ${imp.module}.${imp.name} has type ${formatFuncType(type)}, expected ${expected}`,
          {
            import: imp.name,
          },
        ),
      };
    }
  }
  const a = m.exports.find((e) => e.kind === 'global' && e.name === 'A');
  const global = a === undefined ? undefined : m.globals[a.index - m.importedGlobalCount];
  const wantType = is64 ? I64 : I32;
  const value = global === undefined ? undefined : constExprValue(global.init);
  if (global === undefined || global.mutable || global.type !== wantType || value === undefined) {
    const reason =
      global === undefined
        ? 'no exported global `A`'
        : global.mutable
          ? '`A` is mutable'
          : global.type !== wantType
            ? `\`A\` must be ${is64 ? 'i64' : 'i32'} in a ${is64 ? 'wasm64' : 'wasm32'} module`
            : '`A` is not a constant';
    return {
      argBuffer: 0,
      error: new PiecrustError('InvalidArgumentBuffer', `Invalid global: ${reason}`, { reason }),
    };
  }
  const argBuffer = is64 ? Number(BigInt.asUintN(64, value)) : Number(BigInt.asUintN(32, value));
  const limits = m.memories[0];
  const maxBytes = (limits.max ?? BigInt(is64 ? MAX_PAGES_64 : MAX_PAGES_32)) * BigInt(PAGE_SIZE);
  const initialBytes = Number(limits.min) * PAGE_SIZE;
  if (BigInt(argBuffer) + BigInt(ARGBUF_LEN) >= maxBytes || argBuffer + ARGBUF_LEN > initialBytes) {
    return {
      argBuffer,
      error: new PiecrustError(
        'InvalidArgumentBuffer',
        `Invalid global: the argument buffer A = ${argBuffer} needs ${ARGBUF_LEN} bytes, but memory is ${initialBytes} bytes (maximum ${maxBytes})`,
        {
          argBuffer,
          argBufferLen: ARGBUF_LEN,
          memoryLen: initialBytes,
          maxMemoryLen: Number(maxBytes),
        },
      ),
    };
  }
  return { argBuffer };
}

function dataSegments(m: WasmModule, initialBytes: number, is64: boolean): DataSegment[] {
  const out: DataSegment[] = [];
  for (const [i, d] of m.data.entries()) {
    if (d.mode !== 'active') continue;
    const offset = d.offset === undefined ? undefined : constExprValue(d.offset);
    if (offset === undefined) throw runtimeError(`data segment ${i} has a non-constant offset`);
    // The offset is an address: unsigned, of the memory's width (an i32.const -1 is 4294967295),
    // and compared as a bigint, so that the message shows it exactly (a Number would round it).
    const start = BigInt.asUintN(is64 ? 64 : 32, offset);
    const end = start + BigInt(d.bytes.length);
    if (end > BigInt(initialBytes)) {
      throw runtimeError(
        `data segment ${i} (${d.bytes.length} bytes at ${start}, ending at ${end}) does not fit in the initial memory of ${initialBytes} bytes`,
        {
          segment: i,
          offset: start.toString(),
          length: d.bytes.length,
          memoryLen: initialBytes,
        },
      );
    }
    out.push({ offset: Number(start), bytes: d.bytes });
  }
  return out;
}

/**
 * Validate and instrument `bytecode` for `gasTable` (or take its instrumented form from
 * `cached`, produced by the same instrumenter version for the same table). Throws
 * `PiecrustError` (RuntimeError/PersistenceError).
 */
export function loadContractModule(
  bytecode: Uint8Array,
  gasTable: GasTableName,
  cached?: Uint8Array,
): ContractModule {
  const codeHash = bytesToHex(blake3(bytecode));
  const m = parseUserModule(bytecode, runtimeError);
  // Before the instruction scan and V8's validation, which would refuse it too, in their own words.
  if (m.memories.length + m.importedMemoryCount > 1) {
    throw runtimeError(
      `multiple memories are not supported (found ${m.memories.length + m.importedMemoryCount})`,
      {
        memories: m.memories.length + m.importedMemoryCount,
      },
    );
  }
  try {
    scanInstructions(m);
  } catch (e) {
    if (e instanceof WasmDecodeError)
      throw runtimeError(`unsupported WebAssembly: ${e.message}`, { offset: e.offset });
    throw e;
  }
  // A copy backed by a plain ArrayBuffer, as the WebAssembly API types require.
  const owned = new Uint8Array(bytecode);
  if (!WebAssembly.validate(owned)) {
    try {
      new WebAssembly.Module(owned);
    } catch (e) {
      throw runtimeError(`invalid WebAssembly module: ${(e as Error).message}`);
    }
  }
  const exportedMemory = m.exports.find((e) => e.kind === 'memory');
  if (m.memories.length !== 1 || exportedMemory === undefined) {
    throw new PiecrustError(
      'PersistenceError',
      'a contract must define and export exactly one memory',
      {
        definedMemories: m.memories.length,
        exportedMemories: m.exports.filter((e) => e.kind === 'memory').length,
      },
    );
  }
  const limits = m.memories[0];
  // piecrust's wasmtime runs without the threads proposal, and a contract's memory is its own
  // state, persisted page by page: a shared memory could be neither instantiated nor committed.
  if (limits.shared) {
    throw runtimeError(
      'a contract memory cannot be shared: piecrust runs contracts without the threads proposal',
      { memory: 'shared' },
    );
  }
  const is64 = limits.is64;
  const archMax = is64 ? MAX_PAGES_64 : MAX_PAGES_32;
  const maxPages = Math.min(Number(limits.max ?? BigInt(archMax)), archMax);
  const minPages = Number(limits.min);
  if (minPages > maxPages) {
    throw runtimeError(`memory minimum ${minPages} pages exceeds the maximum ${maxPages}`, {
      minPages,
      maxPages,
    });
  }
  const abi = checkAbi(m, is64);
  const { argBuffer } = abi;
  // piecrust instantiates at deploy with zero gas: a start function traps there, every time.
  const error =
    abi.error ??
    (m.start === undefined
      ? undefined
      : runtimeError(
          'RuntimeError: the start function traps: instantiation runs it with zero gas (out of gas)',
          {
            start: m.start,
          },
        ));
  const segments = error === undefined ? dataSegments(m, minPages * PAGE_SIZE, is64) : [];
  const imports = new Map<string, HostImportName[]>();
  let legacyCaller = false;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func' || !isHostImportName(imp.name)) continue;
    const list = imports.get(imp.module) ?? [];
    list.push(imp.name);
    imports.set(imp.module, list);
    if (
      imp.name === 'caller' &&
      matchHostSignature('caller', m.types[imp.desc.typeIndex], is64) === 1
    ) {
      legacyCaller = true;
    }
  }
  let module: WebAssembly.Module;
  let instrumented = minimalModule();
  try {
    if (error === undefined)
      instrumented = cached ?? instrumentModule(m, GAS_TABLES[gasTable]).bytes;
    try {
      module = new WebAssembly.Module(new Uint8Array(instrumented));
    } catch (e) {
      if (cached === undefined || error !== undefined) throw e;
      // A stored module that does not compile here (damaged, or another V8): rewrite it anew.
      instrumented = instrumentModule(m, GAS_TABLES[gasTable]).bytes;
      module = new WebAssembly.Module(new Uint8Array(instrumented));
    }
  } catch (e) {
    throw runtimeError(`could not prepare the contract for metering: ${(e as Error).message}`);
  }
  return {
    codeHash,
    bytecode,
    gasTable,
    module,
    is64,
    argBuffer,
    minPages,
    maxPages,
    functions: new Set(m.exports.filter((e) => e.kind === 'func').map((e) => e.name)),
    longestExport: Math.max(
      0,
      ...m.exports.filter((e) => e.kind === 'func').map((e) => Buffer.byteLength(e.name)),
    ),
    imports,
    legacyCaller,
    dataSegments: segments,
    abiError: error,
    instrumented,
    functionName: createFunctionNamer(m),
    originalFunctionIndex: (index, profiling = false) =>
      originalFunctionIndex(index, m.importedFuncCount, m.functions.length, profiling),
  };
}

/** Decode every function body so unsupported proposals are reported with our message and offset. */
function scanInstructions(m: WasmModule): void {
  const ins = createInstr();
  for (const body of m.bodies) {
    const r = new ByteReader(m.bytes, body.codeStart, body.codeEnd);
    while (!r.atEnd) readInstr(r, ins);
  }
}

/** Stand-in module for contracts whose ABI error will be reported at deploy. */
function minimalModule(): Uint8Array {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
}
