/**
 * Turns a contract's bytecode into the module the engine instantiates for every call:
 *
 * - **Gas.** Every defined function gets an extra i64 parameter and result carrying the remaining
 *   gas (body-rewriter.ts). Exports and the start function are wrapped so that the host sees the
 *   original `(i32) -> i32` signatures and exchanges gas through the exported global `__pi_gas`.
 * - **Memory.** The memory becomes an import (`__piecrust.memory`), so one `WebAssembly.Memory`
 *   per contract survives across calls, and active data segments are emptied (they are applied
 *   once, at deploy, by the engine). The import is a *shared* memory: V8 gives an unshared
 *   memory a new ArrayBuffer on every grow and, past ~64 MiB, runs a full GC for each one
 *   (`memory.grow(1)` to 4 GiB took 386 s); a shared one grows in place (under 0.1 s). Nothing
 *   else tells the two apart for code without atomics, and `memory.atomic.wait`, the one
 *   operator that would (it blocks on shared memory, traps on unshared), is rewritten to trap.
 * - **Slices and interrupts.** The out-of-gas check at function entries and loop headers calls
 *   the host import `__piecrust.refill` instead of trapping: the host hands out gas in slices
 *   (call-context.ts) and, between slices, checks the call's deadline and interrupt flag, so
 *   even a call with `u64::MAX` gas can be stopped, cleanly, at the next check.
 * - **Write tracking.** Every store, atomic read-modify-write and bulk memory write first marks
 *   the chunks (1 KiB) it writes (write-marks.ts): the page in a funcref table (a non-null entry =
 *   written at the current snapshot level), calling the host import `__piecrust.touch(page)` on
 *   the page's first write, where the engine saves its bytes for revert and records it as dirty;
 *   the chunk's bit in the contract's bitmap, through `__piecrust.markChunk(base, chunk)`, a
 *   WebAssembly function of the engine (no call into JavaScript), for hashing. `__pi_reset`
 *   clears the page marks when the engine starts a new snapshot level.
 *
 * Index spaces of the result: functions = [original imports][touch, refill, markChunk][original functions]
 * [import wrappers][export wrappers][mark][markRange][reset][start wrapper?]; globals =
 * [original][gas][last chunk][chunk bitmap base]; tables = [original][page marks]. The profiling variant adds the imports
 * [enter][exit] after [refill], puts a wrapper at each original function's place and appends
 * the metered bodies after everything else.
 */
import { ByteWriter } from './binary';
import { markBody, markRangeBody, resetBody } from './write-marks';
import {
  BASE_IMPORTS,
  CHUNK_BASE_EXPORT,
  GAS_EXPORT,
  HOST_MODULE,
  MARK_CHUNK_IMPORT,
  MEMORY_IMPORT,
  REFILL_IMPORT,
  RESET_EXPORT,
  TOUCH_IMPORT,
} from './instrumented-layout';
import { BodyRewriter, type RewriteContext } from './body-rewriter';
import { PROFILE_IMPORTS, PROFILE_MODULE, profileWrapperBody } from './profile-instrument';
import type { GasTable } from './gas-schedule';
import { OP } from './instructions';
import { F64, FUNCREF, I32, I64, type FuncType, type WasmModule } from './module';
import {
  MODULE_HEADER,
  remapConstExpr,
  TypeTable,
  writeElement,
  writeLimits,
  writeSection,
  writeTypes,
} from './module-writer';

/**
 * Bump when the output changes: stored instrumented modules of other versions are ignored.
 * 2: the entry charge of every function body; one module per gas table.
 * 3: a shared memory, `memory.atomic.wait` trapping, the `refill` import at every check.
 * 4: the gas published before every call and at every return, where wasmtime saves its fuel.
 * 5: writes tracked by chunk (`markChunk`, a third import), and a store's last byte marked too (a store
 *    straddling two pages lost its second page).
 */
export const INSTRUMENTER_VERSION = 5;

const ENGINE_MAX_PAGES = 65536n;

export interface InstrumentedModule {
  bytes: Uint8Array;
  is64: boolean;
}

export interface InstrumentOptions {
  /** The profiling variant (profile-instrument.ts). */
  profile?: boolean;
  /**
   * Default true. False: the same module without its gas charges and out-of-gas checks (gas is
   * still threaded through every call and published, pages still tracked): the baseline that
   * `npm run bench`'s metering_overhead_ratio divides by, so that only the metering differs.
   * Such a module spends no gas and never runs out: never for contracts.
   */
  metering?: boolean;
}

/**
 * Instrument `m` for metering under `table` (the costs are constants in the rewritten code).
 * `profile`: the profiling variant (profile-instrument.ts): each defined function's index holds
 * an unmetered wrapper calling the host's `enter`/`exit` hooks around the metered body, which
 * moves to the end of the function space; the metered code is the same, so is the gas.
 */
export function instrumentModule(
  m: WasmModule,
  table: GasTable,
  options: InstrumentOptions = {},
): InstrumentedModule {
  const profile = options.profile === true;
  if (m.memories.length !== 1 || m.importedMemoryCount !== 0) {
    throw new Error(
      `instrumentModule needs exactly one defined memory, found ${m.memories.length}`,
    );
  }
  if (m.imports.some((i) => i.desc.kind !== 'func')) {
    throw new Error('instrumentModule supports function imports only');
  }
  const memory = m.memories[0];
  const is64 = memory.is64;
  const nImp = m.importedFuncCount;
  const nDef = m.functions.length;
  const types = new TypeTable(m.types);

  const importTypes: number[] = [];
  for (const imp of m.imports) if (imp.desc.kind === 'func') importTypes.push(imp.desc.typeIndex);

  const augCache = new Map<number, number>();
  const augType = (t: number): number => {
    let a = augCache.get(t);
    if (a === undefined) {
      const orig = m.types[t];
      if (orig === undefined) throw new Error(`unknown type index ${t}`);
      a = types.intern({ params: [...orig.params, I64], results: [...orig.results, I64] });
      augCache.set(t, a);
    }
    return a;
  };
  const wrapperBlockType = (t: FuncType): number => {
    if (t.results.length === 0) return -64;
    if (t.results.length === 1) return t.results[0] - 0x80;
    return types.intern({ params: [], results: t.results });
  };

  const addedImports = BASE_IMPORTS + (profile ? PROFILE_IMPORTS.length : 0);
  const touchFunc = nImp;
  const refillFunc = nImp + 1;
  const markChunkFunc = nImp + 2;
  const importWrapperBase = nImp + addedImports + nDef;
  const funcExports = m.exports.filter((e) => e.kind === 'func');
  const exportWrapperBase = importWrapperBase + nImp;
  const markFunc = exportWrapperBase + funcExports.length;
  const markRangeFunc = markFunc + 1;
  const resetFunc = markFunc + 2;
  const startWrapper = m.start !== undefined ? markFunc + 3 : undefined;
  // Profiling: where the metered bodies go (the wrappers keep their indices).
  const movedBodyBase = markFunc + 3 + (m.start !== undefined ? 1 : 0);

  const gasGlobal = m.importedGlobalCount + m.globals.length;
  const lastChunkGlobal = gasGlobal + 1;
  const chunkBaseGlobal = gasGlobal + 2;
  const pageMarks = m.importedTableCount + m.tables.length;

  const isImportedFunc = (f: number): boolean => f < nImp;
  const callTarget = (f: number): number => (f < nImp ? f : f + addedImports);
  const refTarget = (f: number): number => (f < nImp ? importWrapperBase + f : f + addedImports);
  const referencedFuncs = new Set<number>([markFunc]);

  const ctx: RewriteContext = {
    module: m,
    is64,
    gasGlobal,
    lastChunkGlobal,
    markFunc,
    markRangeFunc,
    refillFunc,
    callTarget,
    refTarget,
    isImportedFunc,
    augType,
    wrapperBlockType,
    referencedFuncs,
    operatorCost: table.operatorCost,
    metered: options.metering !== false,
  };

  // --- function bodies (rewritten first: they intern types and collect ref.func targets)
  const bodies: Uint8Array[] = [];
  const funcTypes: number[] = [];
  const metered: Uint8Array[] = [];
  for (let i = 0; i < nDef; i++) {
    const t = m.functions[i];
    const body = m.bodies[i];
    funcTypes.push(augType(t));
    metered.push(
      new BodyRewriter(ctx, m.types[t], body.locals, body.codeStart, body.codeEnd).rewrite(),
    );
    const hooks = { enter: nImp + BASE_IMPORTS, exit: nImp + BASE_IMPORTS + 1 };
    bodies.push(
      profile ? profileWrapperBody(m.types[t], nImp + i, movedBodyBase + i, hooks) : metered[i],
    );
  }
  // Import wrappers: funcref-compatible (augmented) versions of host functions.
  for (let i = 0; i < nImp; i++) {
    const t = m.types[importTypes[i]];
    funcTypes.push(augType(importTypes[i]));
    const w = new ByteWriter(32);
    w.u32(0);
    w.u8(OP.localGet).u32(t.params.length).u8(OP.globalSet).u32(gasGlobal);
    for (let p = 0; p < t.params.length; p++) w.u8(OP.localGet).u32(p);
    w.u8(OP.call).u32(i).u8(OP.globalGet).u32(gasGlobal).u8(OP.end);
    bodies.push(w.finish());
  }
  // Export wrappers: original signature, gas exchanged through the global.
  const wrapperOf = new Map<number, number>();
  for (const [k, e] of funcExports.entries()) {
    const t = m.types[e.index < nImp ? importTypes[e.index] : m.functions[e.index - nImp]];
    funcTypes.push(types.intern(t));
    wrapperOf.set(e.index, exportWrapperBase + k);
    const w = new ByteWriter(32);
    w.u32(0);
    for (let p = 0; p < t.params.length; p++) w.u8(OP.localGet).u32(p);
    if (e.index < nImp) {
      w.u8(OP.call).u32(e.index);
    } else {
      w.u8(OP.globalGet).u32(gasGlobal).u8(OP.call).u32(callTarget(e.index));
      w.u8(OP.globalSet).u32(gasGlobal);
    }
    w.u8(OP.end);
    bodies.push(w.finish());
  }
  // mark(chunk): grow the page marks with memory, call the host on a page's first write.
  funcTypes.push(types.intern({ params: [I32], results: [] }));
  bodies.push(
    markBody(is64, {
      pages: pageMarks,
      last: lastChunkGlobal,
      chunkBase: chunkBaseGlobal,
      touch: touchFunc,
      markChunk: markChunkFunc,
      self: markFunc,
    }),
  );
  funcTypes.push(types.intern({ params: [I64, I64], results: [] }));
  bodies.push(markRangeBody(is64, markFunc));
  funcTypes.push(types.intern({ params: [], results: [] }));
  bodies.push(resetBody(pageMarks, lastChunkGlobal));
  if (m.start !== undefined) {
    funcTypes.push(types.intern({ params: [], results: [] }));
    const w = new ByteWriter(16);
    w.u32(0).u8(OP.globalGet).u32(gasGlobal).u8(OP.call).u32(callTarget(m.start));
    w.u8(OP.globalSet).u32(gasGlobal).u8(OP.end);
    bodies.push(w.finish());
  }
  if (profile) {
    for (let i = 0; i < nDef; i++) funcTypes.push(augType(m.functions[i]));
    bodies.push(...metered);
  }
  const touchType = types.intern({ params: [I32], results: [] });
  const markChunkType = types.intern({ params: [I32, I32], results: [] });
  const refillType = types.intern({ params: [I64], results: [I64] });
  // Interned only for the profiling variant: the normal module's bytes stay as they were.
  const hookType = profile ? types.intern({ params: [I32, F64], results: [] }) : undefined;

  // --- assemble sections
  const out = new ByteWriter(m.bytes.length + 4096);
  out.bytes(MODULE_HEADER);
  const section = (id: number, fill: (w: ByteWriter) => void): void => writeSection(out, id, fill);

  section(1, (w) => writeTypes(w, types.types));
  section(2, (w) => {
    const funcImports = m.imports.filter((i) => i.desc.kind === 'func');
    w.u32(funcImports.length + addedImports + 1);
    for (const imp of funcImports) {
      if (imp.desc.kind !== 'func') continue;
      w.name(imp.module).name(imp.name).u8(0x00).u32(imp.desc.typeIndex);
    }
    w.name(HOST_MODULE).name(TOUCH_IMPORT).u8(0x00).u32(touchType);
    w.name(HOST_MODULE).name(REFILL_IMPORT).u8(0x00).u32(refillType);
    w.name(HOST_MODULE).name(MARK_CHUNK_IMPORT).u8(0x00).u32(markChunkType);
    if (hookType !== undefined) {
      for (const hook of PROFILE_IMPORTS) w.name(PROFILE_MODULE).name(hook).u8(0x00).u32(hookType);
    }
    w.name(HOST_MODULE).name(MEMORY_IMPORT).u8(0x02);
    // V8 caps memories (memory64 included) at 65,536 pages; the engine enforces piecrust's
    // larger logical limits in its host checks. A shared memory must state its maximum.
    const max =
      memory.max === undefined || memory.max > ENGINE_MAX_PAGES ? ENGINE_MAX_PAGES : memory.max;
    writeLimits(w, { ...memory, max, shared: true });
  });
  section(3, (w) => {
    w.u32(funcTypes.length);
    for (const t of funcTypes) w.u32(t);
  });
  section(4, (w) => {
    w.u32(m.tables.length + 1);
    for (const t of m.tables) {
      w.u8(t.refType);
      writeLimits(w, t.limits);
    }
    w.u8(FUNCREF).u8(0x00).u32(0); // page marks
  });
  section(6, (w) => {
    w.u32(m.globals.length + 3);
    for (const g of m.globals) {
      w.u8(g.type)
        .u8(g.mutable ? 1 : 0)
        .bytes(remapConstExpr(g.init, refTarget));
    }
    w.u8(I64).u8(1).u8(OP.i64Const).s64(0n).u8(OP.end);
    w.u8(I32).u8(1).u8(OP.i32Const).s32(-1).u8(OP.end);
    w.u8(I32).u8(1).u8(OP.i32Const).s32(0).u8(OP.end);
  });
  section(7, (w) => {
    w.u32(m.exports.length + 3);
    const kinds = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
    for (const e of m.exports) {
      const index = e.kind === 'func' ? (wrapperOf.get(e.index) ?? e.index) : e.index;
      w.name(e.name).u8(kinds[e.kind]).u32(index);
    }
    w.name(GAS_EXPORT).u8(3).u32(gasGlobal);
    w.name(RESET_EXPORT).u8(0).u32(resetFunc);
    w.name(CHUNK_BASE_EXPORT).u8(3).u32(chunkBaseGlobal);
  });
  if (startWrapper !== undefined) section(8, (w) => w.u32(startWrapper));
  section(9, (w) => {
    w.u32(m.elements.length + 1);
    for (const seg of m.elements) writeElement(w, seg, refTarget);
    // Declare every function used by `ref.func` in rewritten code.
    w.u32(3).u8(0x00).u32(referencedFuncs.size);
    for (const f of referencedFuncs) w.u32(f);
  });
  if (m.dataCount !== undefined) section(12, (w) => w.u32(m.dataCount ?? 0));
  section(10, (w) => {
    w.u32(bodies.length);
    for (const b of bodies) w.u32(b.length).bytes(b);
  });
  if (m.data.length > 0) {
    section(11, (w) => {
      w.u32(m.data.length);
      for (const d of m.data) {
        // Active segments were applied at deploy; keep indices stable with empty passive ones.
        if (d.mode === 'active') w.u32(1).u32(0);
        else w.u32(1).u32(d.bytes.length).bytes(d.bytes);
      }
    });
  }
  return { bytes: out.finish().slice(), is64 };
}
