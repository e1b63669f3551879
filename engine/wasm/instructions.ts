/**
 * Instruction decoding for function bodies: just enough to know each instruction's extent, its
 * identity and the immediates the instrumenter rewrites (indices, memory arguments, block
 * types). Proposals piecrust's engine rejects (exceptions, typed function references, GC,
 * relaxed SIMD) fail here with the offending offset.
 */
import { ByteReader } from './binary';

export const OP = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  returnCall: 0x12,
  returnCallIndirect: 0x13,
  drop: 0x1a,
  select: 0x1b,
  selectT: 0x1c,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  tableGet: 0x25,
  tableSet: 0x26,
  memorySize: 0x3f,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  refNull: 0xd0,
  refIsNull: 0xd1,
  refFunc: 0xd2,
  prefixMisc: 0xfc,
  prefixSimd: 0xfd,
  prefixAtomic: 0xfe,
} as const;

/** Sub-opcodes of the 0xfc prefix that the instrumenter handles. */
export const MISC = { memoryInit: 8, memoryCopy: 10, memoryFill: 11 } as const;

/**
 * One decoded instruction. The reader reuses a single object per body to avoid allocation;
 * fields that do not apply to an instruction keep stale values.
 */
export interface Instr {
  start: number;
  end: number;
  op: number;
  /** Sub-opcode of prefixed instructions (0xfc/0xfd/0xfe), -1 otherwise. */
  sub: number;
  /** First index immediate: label, function, local, global, type, data or table index. */
  index: number;
  /** Second index immediate (call_indirect table). */
  index2: number;
  /** Byte range of a memarg immediate and its decoded offset. */
  memargStart: number;
  memOffset: bigint;
  /** Block type immediate (s33): -64 = empty, negative = value type, >= 0 = type index. */
  blockType: number;
  /** br_table targets, default last. */
  labels: number[];
}

export function createInstr(): Instr {
  return {
    start: 0,
    end: 0,
    op: 0,
    sub: -1,
    index: 0,
    index2: 0,
    memargStart: 0,
    memOffset: 0n,
    blockType: -64,
    labels: [],
  };
}

function readMemarg(r: ByteReader, ins: Instr): void {
  ins.memargStart = r.pos;
  const at = r.pos;
  const align = r.u32();
  if (align & 0x40) {
    const memory = r.u32();
    if (memory !== 0) r.fail(`multi-memory access to memory ${memory} is not supported`, at);
  }
  ins.memOffset = r.u64();
}

function readMemoryIndex(r: ByteReader): void {
  const at = r.pos;
  const index = r.u32();
  if (index !== 0) r.fail(`multi-memory access to memory ${index} is not supported`, at);
}

function readMisc(r: ByteReader, ins: Instr): void {
  const at = r.pos;
  const sub = r.u32();
  ins.sub = sub;
  if (sub <= 7) return;
  switch (sub) {
    case 8: // memory.init data mem
      ins.index = r.u32();
      readMemoryIndex(r);
      return;
    case 9: // data.drop
    case 13: // elem.drop
    case 15: // table.grow
    case 16: // table.size
    case 17: // table.fill
      ins.index = r.u32();
      return;
    case 10: // memory.copy dst src
      readMemoryIndex(r);
      readMemoryIndex(r);
      return;
    case 11: // memory.fill
      readMemoryIndex(r);
      return;
    case 12: // table.init elem table
    case 14: // table.copy dst src
      ins.index = r.u32();
      ins.index2 = r.u32();
      return;
    default:
      r.fail(`unsupported opcode 0xfc ${sub}`, at);
  }
}

function readSimd(r: ByteReader, ins: Instr): void {
  const at = r.pos;
  const sub = r.u32();
  ins.sub = sub;
  if (sub <= 11 || sub === 92 || sub === 93) readMemarg(r, ins);
  else if (sub === 12 || sub === 13) r.skip(16);
  else if (sub >= 21 && sub <= 34) r.skip(1);
  else if (sub >= 84 && sub <= 91) {
    readMemarg(r, ins);
    r.skip(1);
  } else if (sub > 255) r.fail(`relaxed SIMD (opcode 0xfd ${sub}) is rejected for determinism`, at);
}

function readAtomic(r: ByteReader, ins: Instr): void {
  const at = r.pos;
  const sub = r.u32();
  ins.sub = sub;
  if (sub === 0x03) {
    r.u8(); // atomic.fence flags
    return;
  }
  if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4e)) {
    readMemarg(r, ins);
    return;
  }
  r.fail(`unsupported atomic opcode 0xfe ${sub}`, at);
}

/** Decode the instruction at `r.pos` into `ins` and advance the reader past it. */
export function readInstr(r: ByteReader, ins: Instr): void {
  ins.start = r.pos;
  ins.sub = -1;
  const op = r.u8();
  ins.op = op;
  switch (op) {
    case OP.block:
    case OP.loop:
    case OP.if:
      ins.blockType = r.s33();
      break;
    case OP.br:
    case OP.brIf:
    case OP.call:
    case OP.returnCall:
    case OP.localGet:
    case OP.localSet:
    case OP.localTee:
    case OP.globalGet:
    case OP.globalSet:
    case OP.tableGet:
    case OP.tableSet:
    case OP.refFunc:
      ins.index = r.u32();
      break;
    case OP.brTable: {
      const n = r.u32();
      if (n > 1_000_000) r.fail(`br_table with ${n} targets`);
      ins.labels.length = 0;
      for (let i = 0; i <= n; i++) ins.labels.push(r.u32());
      break;
    }
    case OP.callIndirect:
    case OP.returnCallIndirect:
      ins.index = r.u32();
      ins.index2 = r.u32();
      break;
    case OP.selectT: {
      const n = r.u32();
      r.skip(n);
      break;
    }
    case OP.memorySize:
    case OP.memoryGrow:
      readMemoryIndex(r);
      break;
    case OP.i32Const:
      r.s32();
      break;
    case OP.i64Const:
      r.s64();
      break;
    case OP.f32Const:
      r.skip(4);
      break;
    case OP.f64Const:
      r.skip(8);
      break;
    case OP.refNull:
      r.u8();
      break;
    case OP.prefixMisc:
      readMisc(r, ins);
      break;
    case OP.prefixSimd:
      readSimd(r, ins);
      break;
    case OP.prefixAtomic:
      readAtomic(r, ins);
      break;
    default:
      if (op >= 0x28 && op <= 0x3e) {
        readMemarg(r, ins);
      } else if (
        op === OP.unreachable ||
        op === OP.nop ||
        op === OP.else ||
        op === OP.end ||
        op === OP.return ||
        op === OP.drop ||
        op === OP.select ||
        op === OP.refIsNull ||
        (op >= 0x45 && op <= 0xc4)
      ) {
        // no immediates
      } else if (op >= 0x06 && op <= 0x0a) {
        r.fail(`exception handling (opcode 0x${op.toString(16)}) is not supported`, ins.start);
      } else {
        r.fail(`unsupported opcode 0x${op.toString(16)}`, ins.start);
      }
  }
  ins.end = r.pos;
}
