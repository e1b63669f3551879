/**
 * The oracle's copy of a contract: the same bytecode, changed only where upstream wasmtime's
 * fuel table differs from piecrust's, so that wasmtime's fuel count on the copy is what piecrust
 * charges for the original (tests/oracle, `gas-check`).
 *
 * - Under `head`, before every store, as many `(i32.const 0) (drop)` pairs as its surcharge
 *   (15 before a 16-gas store, 31 before 32, 63 before 64): each pair costs exactly 1 in
 *   wasmtime's default table, and neither is an accounting point, so the count of every check
 *   stays where it was.
 * - wasmtime ≥ 48 charges `memory.grow` per page and `memory.copy`/`fill`/`init` per byte;
 *   piecrust charges 1. They become calls to host functions of the oracle (`__oracle.*`) that do
 *   the same work: a `call` costs exactly 1 and host functions have no entry charge. `data.drop`
 *   goes the same way (the host keeps the dropped segments). Table bulk operators (wasmtime:
 *   per element) become calls that stop the comparison with the reason (`excluded.*`): contracts
 *   built from Rust do not use them.
 *
 * The new imports come after the contract's own, so the contract's functions move up by their
 * number; every function index (calls, `ref.func`, exports, elements, globals) is remapped.
 * Custom sections (names, producers) are left out.
 */
import { ByteReader, ByteWriter } from '../wasm/binary';
import { storeSurcharge } from '../wasm/gas-schedule';
import type { GasTableName } from '../core/gas-tables';
import { createInstr, MISC, OP, readInstr, type Instr } from '../wasm/instructions';
import {
  I32,
  I64,
  parseModule,
  type FuncType,
  type ValType,
  type WasmModule,
} from '../wasm/module';
import {
  MODULE_HEADER,
  remapConstExpr,
  TypeTable,
  writeElement,
  writeLimits,
  writeSection,
  writeTypes,
} from '../wasm/module-writer';

export const ORACLE_MODULE = '__oracle';

/** What the copy needs from the oracle, besides the contract's own imports. */
export interface OracleModule {
  bytes: Uint8Array;
  /** Passive data segments by index (the host does `memory.init`). */
  passiveSegments: Map<number, Uint8Array>;
  /** Indices of active data segments (dropped once instantiated, as wasm does). */
  activeSegments: number[];
}

const TABLE_OPS: Record<number, string> = {
  [12]: 'table.init',
  [14]: 'table.copy',
  [15]: 'table.grow',
  [17]: 'table.fill',
};

interface NewImport {
  name: string;
  type: FuncType;
}

/** The host import that replaces `ins`, or undefined when it stays as it is. */
function replacement(m: WasmModule, ins: Instr, addr: ValType): NewImport | undefined {
  if (ins.op === OP.memoryGrow)
    return { name: 'memory_grow', type: { params: [addr], results: [addr] } };
  if (ins.op !== OP.prefixMisc) return undefined;
  switch (ins.sub) {
    case MISC.memoryCopy:
      return { name: 'memory_copy', type: { params: [addr, addr, addr], results: [] } };
    case MISC.memoryFill:
      return { name: 'memory_fill', type: { params: [addr, I32, addr], results: [] } };
    case MISC.memoryInit:
      return { name: `memory_init.${ins.index}`, type: { params: [addr, I32, I32], results: [] } };
    case 9: // data.drop
      return { name: `data_drop.${ins.index}`, type: { params: [], results: [] } };
    case 12: // table.init elem table: (i32 dst, i32 src, i32 n)
    case 14: // table.copy dst src: (i32, i32, i32)
      return {
        name: `excluded.${TABLE_OPS[ins.sub]}`,
        type: { params: [I32, I32, I32], results: [] },
      };
    case 15: {
      // table.grow t: (ref init, i32 n) -> i32
      const ref = tableRefType(m, ins.index);
      return { name: `excluded.table.grow.${ref}`, type: { params: [ref, I32], results: [I32] } };
    }
    case 17: {
      // table.fill t: (i32 dst, ref value, i32 n)
      const ref = tableRefType(m, ins.index);
      return { name: `excluded.table.fill.${ref}`, type: { params: [I32, ref, I32], results: [] } };
    }
    default:
      return undefined;
  }
}

function tableRefType(m: WasmModule, table: number): ValType {
  const imported = m.imports.filter((i) => i.desc.kind === 'table');
  const desc = table < imported.length ? imported[table].desc : undefined;
  if (desc !== undefined && desc.kind === 'table') return desc.refType;
  return m.tables[table - imported.length].refType;
}

/** Build the oracle's copy of `bytecode` for `table` (see the file comment). */
export function oracleModule(bytecode: Uint8Array, table: GasTableName): OracleModule {
  const m = parseModule(bytecode);
  if (m.imports.some((i) => i.desc.kind !== 'func')) {
    throw new Error('the oracle copy supports function imports only (as piecrust contracts have)');
  }
  if (m.memories.length !== 1) {
    throw new Error(`the oracle copy needs exactly one defined memory, found ${m.memories.length}`);
  }
  const addr = m.memories[0].is64 ? I64 : I32;
  const types = new TypeTable(m.types);
  const nImp = m.importedFuncCount;

  // First pass: which replacements the bodies need (their imports come first in the index space).
  const added = new Map<string, { index: number; type: number }>();
  const ins = createInstr();
  for (const body of m.bodies) {
    const r = new ByteReader(m.bytes, body.codeStart, body.codeEnd);
    while (!r.atEnd) {
      readInstr(r, ins);
      const rep = replacement(m, ins, addr);
      if (rep !== undefined && !added.has(rep.name)) {
        added.set(rep.name, { index: nImp + added.size, type: types.intern(rep.type) });
      }
    }
  }
  const shift = added.size;
  const funcIndex = (f: number): number => (f < nImp ? f : f + shift);

  const out = new ByteWriter(m.bytes.length + 4096);
  out.bytes(MODULE_HEADER);
  const bodies = m.bodies.map((body) => rewriteBody(m, body, table, addr, added, funcIndex));
  writeSection(out, 1, (w) => writeTypes(w, types.types));
  writeSection(out, 2, (w) => {
    w.u32(m.imports.length + added.size);
    for (const imp of m.imports) {
      if (imp.desc.kind === 'func')
        w.name(imp.module).name(imp.name).u8(0x00).u32(imp.desc.typeIndex);
    }
    for (const [name, { type }] of added) w.name(ORACLE_MODULE).name(name).u8(0x00).u32(type);
  });
  writeSection(out, 3, (w) => {
    w.u32(m.functions.length);
    for (const t of m.functions) w.u32(t);
  });
  if (m.tables.length > 0) {
    writeSection(out, 4, (w) => {
      w.u32(m.tables.length);
      for (const t of m.tables) {
        w.u8(t.refType);
        writeLimits(w, t.limits);
      }
    });
  }
  writeSection(out, 5, (w) => {
    w.u32(1);
    writeLimits(w, m.memories[0]);
  });
  if (m.globals.length > 0) {
    writeSection(out, 6, (w) => {
      w.u32(m.globals.length);
      for (const g of m.globals) {
        w.u8(g.type)
          .u8(g.mutable ? 1 : 0)
          .bytes(remapConstExpr(g.init, funcIndex));
      }
    });
  }
  writeSection(out, 7, (w) => {
    w.u32(m.exports.length);
    const kinds = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
    for (const e of m.exports) {
      w.name(e.name)
        .u8(kinds[e.kind])
        .u32(e.kind === 'func' ? funcIndex(e.index) : e.index);
    }
  });
  if (m.start !== undefined) writeSection(out, 8, (w) => w.u32(funcIndex(m.start!)));
  if (m.elements.length > 0) {
    writeSection(out, 9, (w) => {
      w.u32(m.elements.length);
      for (const seg of m.elements) writeElement(w, seg, funcIndex);
    });
  }
  if (m.dataCount !== undefined) writeSection(out, 12, (w) => w.u32(m.dataCount ?? 0));
  writeSection(out, 10, (w) => {
    w.u32(bodies.length);
    for (const b of bodies) w.u32(b.length).bytes(b);
  });
  if (m.data.length > 0) {
    writeSection(out, 11, (w) => {
      w.u32(m.data.length);
      for (const d of m.data) {
        if (d.mode === 'passive') w.u32(1);
        else if (d.memory === 0) w.u32(0).bytes(d.offset!);
        else w.u32(2).u32(d.memory).bytes(d.offset!);
        w.u32(d.bytes.length).bytes(d.bytes);
      }
    });
  }
  const passiveSegments = new Map<number, Uint8Array>();
  const activeSegments: number[] = [];
  m.data.forEach((d, i) => {
    if (d.mode === 'passive') passiveSegments.set(i, d.bytes);
    else activeSegments.push(i);
  });
  return { bytes: out.finish().slice(), passiveSegments, activeSegments };
}

function rewriteBody(
  m: WasmModule,
  body: WasmModule['bodies'][number],
  table: GasTableName,
  addr: ValType,
  added: Map<string, { index: number }>,
  funcIndex: (f: number) => number,
): Uint8Array {
  const w = new ByteWriter(body.codeEnd - body.codeStart + 64);
  w.u32(body.locals.length);
  for (const [count, type] of body.locals) w.u32(count).u8(type);
  const r = new ByteReader(m.bytes, body.codeStart, body.codeEnd);
  const ins = createInstr();
  while (!r.atEnd) {
    readInstr(r, ins);
    const rep = replacement(m, ins, addr);
    if (rep !== undefined) {
      w.u8(OP.call).u32(added.get(rep.name)!.index);
      continue;
    }
    switch (ins.op) {
      case OP.call:
      case OP.returnCall:
      case OP.refFunc:
        w.u8(ins.op).u32(funcIndex(ins.index));
        continue;
      default:
        break;
    }
    if (table === 'head') {
      // Each pair costs exactly 1 in wasmtime's default table (i32.const 1, drop 0).
      const pairs = storeSurcharge(ins.op, ins.sub);
      for (let i = 0; i < pairs; i++) w.u8(OP.i32Const).s32(0).u8(OP.drop);
    }
    w.bytes(m.bytes.subarray(ins.start, ins.end));
  }
  return w.finish();
}
