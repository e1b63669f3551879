/**
 * A parsed WebAssembly module: the sections the engine reads or rewrites, decoded into plain
 * data, with function bodies kept as byte ranges (the instrumenter re-reads them instruction by
 * instruction). Features piecrust's engine rejects (Wasm-GC types, exceptions, multi-memory) are
 * rejected here with the offset where they were found.
 */
import { ByteReader, WasmDecodeError } from './binary';

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;

export type ValType = number;

const VAL_TYPE_NAMES: Record<number, string> = {
  [I32]: 'i32',
  [I64]: 'i64',
  [F32]: 'f32',
  [F64]: 'f64',
  [V128]: 'v128',
  [FUNCREF]: 'funcref',
  [EXTERNREF]: 'externref',
};

export function valTypeName(type: ValType): string {
  return VAL_TYPE_NAMES[type] ?? `0x${type.toString(16)}`;
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export function formatFuncType(type: FuncType): string {
  return `(${type.params.map(valTypeName).join(', ')}) -> (${type.results.map(valTypeName).join(', ')})`;
}

export interface Limits {
  min: bigint;
  max: bigint | undefined;
  is64: boolean;
  shared: boolean;
}

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; refType: ValType; limits: Limits }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; type: ValType; mutable: boolean }
  | { kind: 'tag' };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

export interface Global {
  type: ValType;
  mutable: boolean;
  /** Constant expression bytes, including the final `end`. */
  init: Uint8Array;
}

export type ExportKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

export interface Export {
  name: string;
  kind: ExportKind;
  index: number;
}

export interface Table {
  refType: ValType;
  limits: Limits;
}

export type ElementItems =
  { kind: 'funcs'; indices: number[] } | { kind: 'exprs'; refType: ValType; exprs: Uint8Array[] };

export interface ElementSegment {
  mode: 'active' | 'passive' | 'declarative';
  table: number;
  /** Constant expression (with `end`) for active segments. */
  offset: Uint8Array | undefined;
  items: ElementItems;
}

export interface DataSegment {
  mode: 'active' | 'passive';
  memory: number;
  offset: Uint8Array | undefined;
  bytes: Uint8Array;
}

export interface FunctionBody {
  /** Local declarations as (count, type) groups, parameters excluded. */
  locals: Array<[number, ValType]>;
  /** Offsets of the instruction sequence (including the final `end`) within the module. */
  codeStart: number;
  codeEnd: number;
}

export interface WasmModule {
  bytes: Uint8Array;
  types: FuncType[];
  imports: Import[];
  /** Type index of each defined (non-imported) function. */
  functions: number[];
  tables: Table[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start: number | undefined;
  elements: ElementSegment[];
  dataCount: number | undefined;
  bodies: FunctionBody[];
  data: DataSegment[];
  customSections: Array<{ name: string; bytes: Uint8Array }>;
  importedFuncCount: number;
  importedGlobalCount: number;
  importedTableCount: number;
  importedMemoryCount: number;
}

const EXPORT_KINDS: ExportKind[] = ['func', 'table', 'memory', 'global', 'tag'];

function readValType(r: ByteReader): ValType {
  const at = r.pos;
  const type = r.u8();
  if (VAL_TYPE_NAMES[type] === undefined) {
    r.fail(
      `unsupported value type 0x${type.toString(16)} (Wasm-GC and typed references are rejected)`,
      at,
    );
  }
  return type;
}

function readRefType(r: ByteReader): ValType {
  const at = r.pos;
  const type = r.u8();
  if (type !== FUNCREF && type !== EXTERNREF)
    r.fail(`unsupported reference type 0x${type.toString(16)}`, at);
  return type;
}

function readLimits(r: ByteReader, forMemory: boolean): Limits {
  const at = r.pos;
  const flags = r.u8();
  if (flags > 0x07 || (!forMemory && flags > 0x01))
    r.fail(`unsupported limits flags 0x${flags.toString(16)}`, at);
  const is64 = (flags & 0x04) !== 0;
  const shared = (flags & 0x02) !== 0;
  const min = is64 ? r.u64() : BigInt(r.u32());
  const max = flags & 0x01 ? (is64 ? r.u64() : BigInt(r.u32())) : undefined;
  return { min, max, is64, shared };
}

/** Read a constant expression up to and including its `end`, returning its bytes. */
export function readConstExpr(r: ByteReader): Uint8Array {
  const start = r.pos;
  for (;;) {
    const at = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return r.bytes.subarray(start, r.pos);
      case 0x41:
        r.s32();
        break;
      case 0x42:
        r.s64();
        break;
      case 0x43:
        r.skip(4);
        break;
      case 0x44:
        r.skip(8);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        r.u32();
        break;
      case 0xd0: // ref.null
        readRefType(r);
        break;
      case 0x6a: // extended constant expressions: i32/i64 add, sub, mul
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e:
        break;
      case 0xfd: {
        const sub = r.u32();
        if (sub !== 12) r.fail(`unsupported SIMD opcode ${sub} in constant expression`, at);
        r.skip(16);
        break;
      }
      default:
        r.fail(`unsupported opcode 0x${op.toString(16)} in constant expression`, at);
    }
  }
}

function readElement(r: ByteReader): ElementSegment {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail(`unsupported element segment flags ${flags}`, at);
  const passiveOrDeclarative = (flags & 0x01) !== 0;
  const explicitTable = (flags & 0x02) !== 0;
  const usesExprs = (flags & 0x04) !== 0;
  const mode = !passiveOrDeclarative ? 'active' : explicitTable ? 'declarative' : 'passive';
  let table = 0;
  let offset: Uint8Array | undefined;
  if (mode === 'active') {
    if (explicitTable) table = r.u32();
    offset = readConstExpr(r);
  }
  let refType: ValType = FUNCREF;
  if (mode !== 'active' || explicitTable) {
    if (usesExprs) refType = readRefType(r);
    else {
      const kindAt = r.pos;
      if (r.u8() !== 0x00) r.fail('unsupported element kind', kindAt);
    }
  }
  const count = r.u32();
  if (usesExprs) {
    const exprs: Uint8Array[] = [];
    for (let i = 0; i < count; i++) exprs.push(readConstExpr(r));
    return { mode, table, offset, items: { kind: 'exprs', refType, exprs } };
  }
  const indices: number[] = [];
  for (let i = 0; i < count; i++) indices.push(r.u32());
  return { mode, table, offset, items: { kind: 'funcs', indices } };
}

function readData(r: ByteReader): DataSegment {
  const at = r.pos;
  const flags = r.u32();
  if (flags === 0) {
    const offset = readConstExpr(r);
    return { mode: 'active', memory: 0, offset, bytes: r.take(r.u32()) };
  }
  if (flags === 1) return { mode: 'passive', memory: 0, offset: undefined, bytes: r.take(r.u32()) };
  if (flags === 2) {
    const memory = r.u32();
    const offset = readConstExpr(r);
    return { mode: 'active', memory, offset, bytes: r.take(r.u32()) };
  }
  return r.fail(`unsupported data segment flags ${flags}`, at);
}

function readBody(r: ByteReader): FunctionBody {
  const size = r.u32();
  const end = r.pos + size;
  if (end > r.end) r.fail('function body extends past the code section');
  const groups = r.u32();
  const locals: Array<[number, ValType]> = [];
  let total = 0;
  for (let i = 0; i < groups; i++) {
    const count = r.u32();
    total += count;
    if (total > 50_000) r.fail(`too many locals (${total})`);
    locals.push([count, readValType(r)]);
  }
  const body = { locals, codeStart: r.pos, codeEnd: end };
  r.pos = end;
  return body;
}

/** Parse a binary module. Throws `WasmDecodeError` on malformed or unsupported input. */
export function parseModule(bytes: Uint8Array): WasmModule {
  const r = new ByteReader(bytes);
  if (bytes.length < 8) r.fail(`not a WebAssembly module: ${bytes.length} bytes`, 0);
  const magic = r.take(4);
  if (magic[0] !== 0x00 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) {
    r.fail('not a WebAssembly module: bad magic number', 0);
  }
  const version = r.take(4);
  if (version[0] !== 1 || version[1] !== 0 || version[2] !== 0 || version[3] !== 0) {
    r.fail(`unsupported WebAssembly version ${version.join('.')}`, 4);
  }
  const m: WasmModule = {
    bytes,
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    dataCount: undefined,
    bodies: [],
    data: [],
    customSections: [],
    importedFuncCount: 0,
    importedGlobalCount: 0,
    importedTableCount: 0,
    importedMemoryCount: 0,
  };
  let lastId = 0;
  while (!r.atEnd) {
    const sectionAt = r.pos;
    const id = r.u8();
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length)
      r.fail(`section ${id} of ${size} bytes extends past the end of the module`, sectionAt);
    const s = new ByteReader(bytes, r.pos, end);
    if (id !== 0) {
      // Sections must appear in order (datacount, 12, sits between element 9 and code 10).
      const order = id === 12 ? 9.5 : id;
      if (order <= lastId) r.fail(`section ${id} out of order`, sectionAt);
      lastId = order;
    }
    switch (id) {
      case 0:
        m.customSections.push({ name: s.name(), bytes: bytes.subarray(s.pos, end) });
        s.pos = end;
        break;
      case 1:
        for (let n = s.u32(), i = 0; i < n; i++) {
          const at = s.pos;
          const form = s.u8();
          if (form !== 0x60)
            s.fail(`unsupported type form 0x${form.toString(16)} (Wasm-GC types are rejected)`, at);
          const params: ValType[] = [];
          for (let k = s.u32(), j = 0; j < k; j++) params.push(readValType(s));
          const results: ValType[] = [];
          for (let k = s.u32(), j = 0; j < k; j++) results.push(readValType(s));
          m.types.push({ params, results });
        }
        break;
      case 2:
        for (let n = s.u32(), i = 0; i < n; i++) {
          const module = s.name();
          const name = s.name();
          const at = s.pos;
          const kind = s.u8();
          let desc: ImportDesc;
          if (kind === 0x00) {
            desc = { kind: 'func', typeIndex: s.u32() };
            m.importedFuncCount++;
          } else if (kind === 0x01) {
            desc = { kind: 'table', refType: readRefType(s), limits: readLimits(s, false) };
            m.importedTableCount++;
          } else if (kind === 0x02) {
            desc = { kind: 'memory', limits: readLimits(s, true) };
            m.importedMemoryCount++;
          } else if (kind === 0x03) {
            desc = { kind: 'global', type: readValType(s), mutable: s.u8() === 1 };
            m.importedGlobalCount++;
          } else if (kind === 0x04) {
            s.u8();
            s.u32();
            desc = { kind: 'tag' };
          } else {
            desc = s.fail(`unsupported import kind ${kind}`, at);
          }
          m.imports.push({ module, name, desc });
        }
        break;
      case 3:
        for (let n = s.u32(), i = 0; i < n; i++) m.functions.push(s.u32());
        break;
      case 4:
        for (let n = s.u32(), i = 0; i < n; i++) {
          if (s.bytes[s.pos] === 0x40)
            s.fail('tables with initializer expressions are not supported');
          m.tables.push({ refType: readRefType(s), limits: readLimits(s, false) });
        }
        break;
      case 5:
        for (let n = s.u32(), i = 0; i < n; i++) m.memories.push(readLimits(s, true));
        break;
      case 6:
        for (let n = s.u32(), i = 0; i < n; i++) {
          const type = readValType(s);
          const mutable = s.u8() === 1;
          m.globals.push({ type, mutable, init: readConstExpr(s) });
        }
        break;
      case 7:
        for (let n = s.u32(), i = 0; i < n; i++) {
          const name = s.name();
          const at = s.pos;
          const kind = EXPORT_KINDS[s.u8()];
          if (kind === undefined) s.fail('unsupported export kind', at);
          m.exports.push({ name, kind, index: s.u32() });
        }
        break;
      case 8:
        m.start = s.u32();
        break;
      case 9:
        for (let n = s.u32(), i = 0; i < n; i++) m.elements.push(readElement(s));
        break;
      case 10:
        for (let n = s.u32(), i = 0; i < n; i++) m.bodies.push(readBody(s));
        break;
      case 11:
        for (let n = s.u32(), i = 0; i < n; i++) m.data.push(readData(s));
        break;
      case 12:
        m.dataCount = s.u32();
        break;
      case 13:
        s.fail('the exception-handling proposal (tag section) is not supported', sectionAt);
        break;
      default:
        s.fail(`unknown section id ${id}`, sectionAt);
    }
    if (s.pos !== end) s.fail(`section ${id} has ${end - s.pos} unread bytes`, s.pos);
    r.pos = end;
  }
  if (m.functions.length !== m.bodies.length) {
    throw new WasmDecodeError(
      `function section declares ${m.functions.length} functions but code section has ${m.bodies.length} bodies`,
      0,
    );
  }
  for (const [i, t] of m.functions.entries()) {
    if (t >= m.types.length) throw new WasmDecodeError(`function ${i} uses unknown type ${t}`, 0);
  }
  return m;
}

/** Type of function `index` in the function index space (imports first). */
export function funcTypeOf(m: WasmModule, index: number): FuncType | undefined {
  if (index < m.importedFuncCount) {
    let seen = 0;
    for (const imp of m.imports) {
      if (imp.desc.kind !== 'func') continue;
      if (seen === index) return m.types[imp.desc.typeIndex];
      seen++;
    }
    return undefined;
  }
  const t = m.functions[index - m.importedFuncCount];
  return t === undefined ? undefined : m.types[t];
}

/** Evaluate a constant expression consisting of a single i32/i64 constant. */
export function constExprValue(expr: Uint8Array): bigint | undefined {
  const r = new ByteReader(expr);
  const op = r.u8();
  let value: bigint;
  if (op === 0x41) value = BigInt(r.s32());
  else if (op === 0x42) value = r.s64();
  else return undefined;
  return r.u8() === 0x0b && r.atEnd ? value : undefined;
}
