/**
 * Pieces shared by the code that writes modules (the instrumenter, the oracle's copy in
 * gascheck/): a type section that interns new signatures, limits, element segments and constant
 * expressions with function indices remapped.
 */
import { ByteReader, ByteWriter } from './binary';
import { createInstr, OP, readInstr } from './instructions';
import type { ElementSegment, FuncType, Limits } from './module';

function funcTypeKey(t: FuncType): string {
  return `${t.params.join(',')}>${t.results.join(',')}`;
}

export class TypeTable {
  readonly types: FuncType[];
  private readonly index = new Map<string, number>();

  constructor(original: FuncType[]) {
    this.types = original.slice();
  }

  intern(t: FuncType): number {
    const key = funcTypeKey(t);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(t);
      this.index.set(key, i);
    }
    return i;
  }
}

export function writeLimits(w: ByteWriter, limits: Limits): void {
  let flags = limits.max !== undefined ? 1 : 0;
  if (limits.shared) flags |= 0x02;
  if (limits.is64) flags |= 0x04;
  w.u8(flags);
  if (limits.is64) {
    w.u64(limits.min);
    if (limits.max !== undefined) w.u64(limits.max);
  } else {
    w.u32(Number(limits.min));
    if (limits.max !== undefined) w.u32(Number(limits.max));
  }
}

/** Rewrite `ref.func` indices inside a constant expression (validated by `readConstExpr`). */
export function remapConstExpr(expr: Uint8Array, refTarget: (f: number) => number): Uint8Array {
  const r = new ByteReader(expr);
  const w = new ByteWriter(expr.length + 4);
  const ins = createInstr();
  while (!r.atEnd) {
    readInstr(r, ins);
    if (ins.op === OP.refFunc) w.u8(OP.refFunc).u32(refTarget(ins.index));
    else w.bytes(expr.subarray(ins.start, ins.end));
  }
  return w.finish();
}

export function writeElement(
  w: ByteWriter,
  seg: ElementSegment,
  refTarget: (f: number) => number,
): void {
  const usesExprs = seg.items.kind === 'exprs';
  if (seg.mode === 'active') {
    w.u32(usesExprs ? 6 : 2).u32(seg.table);
    w.bytes(remapConstExpr(seg.offset ?? new Uint8Array([0x41, 0, 0x0b]), refTarget));
  } else {
    w.u32((seg.mode === 'passive' ? 1 : 3) | (usesExprs ? 4 : 0));
  }
  if (seg.items.kind === 'exprs') {
    w.u8(seg.items.refType).u32(seg.items.exprs.length);
    for (const e of seg.items.exprs) w.bytes(remapConstExpr(e, refTarget));
  } else {
    w.u8(0x00).u32(seg.items.indices.length);
    for (const f of seg.items.indices) w.u32(refTarget(f));
  }
}

/** The magic number and version every module starts with. */
export const MODULE_HEADER = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** Append section `id`, its contents written by `fill`, size-prefixed. */
export function writeSection(out: ByteWriter, id: number, fill: (w: ByteWriter) => void): void {
  const w = new ByteWriter(256);
  fill(w);
  out.u8(id).sized(w);
}

/** The body of a type section. */
export function writeTypes(w: ByteWriter, types: readonly FuncType[]): void {
  w.u32(types.length);
  for (const t of types) {
    w.u8(0x60).u32(t.params.length);
    for (const p of t.params) w.u8(p);
    w.u32(t.results.length);
    for (const r of t.results) w.u8(r);
  }
}
