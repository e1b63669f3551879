/**
 * Rewrites one function body for metering and write tracking (see instrument.ts for the module
 * layout). Gas lives in an extra i64 parameter/result threaded through every call, so metering
 * costs register arithmetic instead of memory traffic; it is written to the gas global only
 * where piecrust could observe it: before host calls and `unreachable`, on out-of-gas, and at a
 * function exit that leaves it exhausted (so that a later trap is classified as OutOfGas exactly
 * when wasmtime would).
 *
 * Charges are committed at wasmtime's accounting points (before calls, `return`,
 * `unreachable`, `loop`, `if`, `br*`, `else`, `end`); the out-of-gas check (`remaining <= 0`
 * traps) runs at function entry and at every loop header, as in wasmtime. Every body starts by
 * charging its entry cost (1) before that first check: wasmtime's `FuncEnvironment` starts with
 * `fuel_consumed: 1`, so entering any function, even an empty one, costs 1 and a frame entered
 * with 1 gas left traps at once.
 */
import { ByteReader, ByteWriter } from './binary';
import { FUNCTION_ENTRY_COST } from './gas-schedule';
import { createInstr, MISC, OP, readInstr, type Instr } from './instructions';
import { F32, F64, I32, I64, V128, type FuncType, type ValType, type WasmModule } from './module';
import { CHUNK_SHIFT } from './instrumented-layout';
import { storeShape, type StoreShape } from './store-shapes';

/** Indices in the rewritten module that bodies refer to. */
export interface RewriteContext {
  module: WasmModule;
  is64: boolean;
  gasGlobal: number;
  /** The last chunk (KiB) marked at the current snapshot level, -1 after a reset. */
  lastChunkGlobal: number;
  markFunc: number;
  markRangeFunc: number;
  /** The host import called where gas runs out: more gas, or it throws (out of gas, interrupt). */
  refillFunc: number;
  /** Function index to use when calling `f` directly. */
  callTarget(f: number): number;
  /** Function index to use for `ref.func f` (imports are replaced by augmented wrappers). */
  refTarget(f: number): number;
  isImportedFunc(f: number): boolean;
  /** Augmented type index (params + gas → results + gas) for original type `t`. */
  augType(t: number): number;
  /** Block type for the function-wide wrapper block of a function of type `t`. */
  wrapperBlockType(t: FuncType): number;
  /** Functions referenced with `ref.func` in rewritten code (they must be declared). */
  referencedFuncs: Set<number>;
  /** Gas of one execution of an operator (the session's gas table). */
  operatorCost(op: number, sub: number): number;
  /** False: no charges and no out-of-gas checks (the benchmark's baseline, instrument.ts). */
  metered: boolean;
}

type TempSlot = 'addr' | 'chunk' | 'end' | 'idx' | 'val' | 'val2' | 'len';

// Float operators whose NaN results wasmtime canonicalizes (cranelift's NaN canonicalization:
// arithmetic, sqrt, min/max, rounding, promote/demote; not abs/neg/copysign).
const NAN_SCALAR: Record<number, ValType> = {};
for (let op = 0x8d; op <= 0x97; op++) NAN_SCALAR[op] = F32;
for (let op = 0x9b; op <= 0xa5; op++) NAN_SCALAR[op] = F64;
NAN_SCALAR[0xb6] = F32; // f32.demote_f64
NAN_SCALAR[0xbb] = F64; // f64.promote_f32
const NAN_F32X4 = new Set([103, 104, 105, 106, 227, 228, 229, 230, 231, 232, 233, 94]);
const NAN_F64X2 = new Set([116, 117, 122, 148, 239, 240, 241, 242, 243, 244, 245, 95]);

const CANONICAL_F32 = new Uint8Array([0x00, 0x00, 0xc0, 0x7f]);
const CANONICAL_F64 = new Uint8Array([0, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
const CANONICAL_F32X4 = new Uint8Array(16);
const CANONICAL_F64X2 = new Uint8Array(16);
for (let i = 0; i < 4; i++) CANONICAL_F32X4.set(CANONICAL_F32, i * 4);
for (let i = 0; i < 2; i++) CANONICAL_F64X2.set(CANONICAL_F64, i * 8);

interface ControlFrame {
  reachableAtStart: boolean;
}

export class BodyRewriter {
  private readonly out = new ByteWriter(1024);
  private readonly temps = new Map<string, number>();
  private readonly tempTypes: ValType[] = [];
  private readonly control: ControlFrame[] = [];
  private reachable = true;
  private pending = 0;
  private readonly gasLocal: number;
  private readonly firstTemp: number;

  constructor(
    private readonly ctx: RewriteContext,
    private readonly type: FuncType,
    private readonly locals: Array<[number, ValType]>,
    private readonly codeStart: number,
    private readonly codeEnd: number,
  ) {
    this.gasLocal = type.params.length;
    let declared = 0;
    for (const [count] of locals) declared += count;
    this.firstTemp = type.params.length + 1 + declared;
  }

  /** Returns the complete body (locals + code), ready to be length-prefixed. */
  rewrite(): Uint8Array {
    const { out } = this;
    this.pending = FUNCTION_ENTRY_COST;
    this.charge();
    this.emitGasCheck();
    out.u8(OP.block);
    out.s33(this.ctx.wrapperBlockType(this.type));
    const r = new ByteReader(this.ctx.module.bytes, this.codeStart, this.codeEnd);
    const ins = createInstr();
    for (;;) {
      if (r.atEnd) r.fail('function body ends without `end`');
      readInstr(r, ins);
      if (ins.op === OP.end && this.control.length === 0) {
        if (!r.atEnd) r.fail('instructions after the final `end` of a function body');
        this.charge();
        out.u8(OP.end);
        break;
      }
      this.rewriteInstr(r, ins);
    }
    // Leaving: publish the gas, as wasmtime saves its fuel counter at every return, so that a
    // trap later in the caller (an out-of-bounds load, a division by zero), which publishes
    // nothing, reads what wasmtime's counter holds then; exhausted gas reads as OutOfGas.
    this.saveGas();
    out.u8(OP.localGet).u32(this.gasLocal);
    out.u8(OP.end);
    return this.assemble();
  }

  private assemble(): Uint8Array {
    const w = new ByteWriter(this.out.length + 32);
    const groups = this.locals.length + this.tempTypes.length;
    w.u32(groups);
    for (const [count, type] of this.locals) w.u32(count).u8(type);
    for (const type of this.tempTypes) w.u32(1).u8(type);
    w.bytes(this.out.finish());
    return w.finish();
  }

  private temp(slot: TempSlot, type: ValType): number {
    const key = `${slot}:${type}`;
    let index = this.temps.get(key);
    if (index === undefined) {
      index = this.firstTemp + this.tempTypes.length;
      this.tempTypes.push(type);
      this.temps.set(key, index);
    }
    return index;
  }

  private mapLocal(index: number): number {
    return index < this.type.params.length ? index : index + 1;
  }

  private addCost(ins: Instr): void {
    if (this.reachable) this.pending += this.ctx.operatorCost(ins.op, ins.sub);
  }

  /** Commit the gas accumulated since the last accounting point. */
  private charge(): void {
    if (this.pending === 0) return;
    if (!this.ctx.metered) {
      this.pending = 0;
      return;
    }
    this.out
      .u8(OP.localGet)
      .u32(this.gasLocal)
      .u8(OP.i64Const)
      .s64(BigInt(this.pending))
      .u8(0x7d) // i64.sub
      .u8(OP.localSet)
      .u32(this.gasLocal);
    this.pending = 0;
  }

  private saveGas(): void {
    this.out.u8(OP.localGet).u32(this.gasLocal).u8(OP.globalSet).u32(this.ctx.gasGlobal);
  }

  private reloadGas(): void {
    this.out.u8(OP.globalGet).u32(this.ctx.gasGlobal).u8(OP.localSet).u32(this.gasLocal);
  }

  /**
   * `if remaining <= 0 { remaining = refill(remaining) }` — wasmtime's check at entries and loop
   * headers. The host's `refill` either hands out the next slice of the frame's gas or throws:
   * out of gas when none is left (so the trap points are wasmtime's), or an interrupt.
   */
  private emitGasCheck(): void {
    if (!this.ctx.metered) return;
    const { out } = this;
    out.u8(OP.localGet).u32(this.gasLocal).u8(OP.i64Const).s64(0n).u8(0x57); // i64.le_s
    out.u8(OP.if).u8(0x40);
    out.u8(OP.localGet).u32(this.gasLocal).u8(OP.call).u32(this.ctx.refillFunc);
    out.u8(OP.localSet).u32(this.gasLocal);
    out.u8(OP.end);
  }

  private copy(ins: Instr): void {
    this.out.bytes(this.ctx.module.bytes.subarray(ins.start, ins.end));
  }

  private rewriteInstr(r: ByteReader, ins: Instr): void {
    const { out, ctx } = this;
    switch (ins.op) {
      case OP.block:
        this.control.push({ reachableAtStart: this.reachable });
        this.copy(ins);
        return;
      case OP.loop:
        this.charge();
        this.control.push({ reachableAtStart: this.reachable });
        this.copy(ins);
        this.emitGasCheck();
        return;
      case OP.if:
        this.addCost(ins);
        this.charge();
        this.control.push({ reachableAtStart: this.reachable });
        this.copy(ins);
        return;
      case OP.else: {
        this.charge();
        this.copy(ins);
        const frame = this.control[this.control.length - 1];
        if (frame === undefined) r.fail('`else` outside of `if`', ins.start);
        this.reachable = frame.reachableAtStart;
        return;
      }
      case OP.end: {
        this.charge();
        this.copy(ins);
        const frame = this.control.pop();
        this.reachable = frame === undefined ? true : frame.reachableAtStart;
        return;
      }
      case OP.br:
      case OP.brTable:
        this.addCost(ins);
        this.charge();
        this.copy(ins);
        this.reachable = false;
        return;
      case OP.brIf:
        this.addCost(ins);
        this.charge();
        this.copy(ins);
        return;
      case OP.return:
        this.charge();
        // The wrapper block stands for the function body: branching to it returns.
        out.u8(OP.br).u32(this.control.length);
        this.reachable = false;
        return;
      case OP.unreachable:
        this.charge();
        this.saveGas();
        this.copy(ins);
        this.reachable = false;
        return;
      case OP.call:
        this.addCost(ins);
        this.charge();
        this.emitCall(ins.index, false);
        return;
      case OP.returnCall:
        this.addCost(ins);
        this.charge();
        this.emitCall(ins.index, true);
        this.reachable = false;
        return;
      case OP.callIndirect:
      case OP.returnCallIndirect: {
        this.addCost(ins);
        this.charge();
        const idx = this.temp('idx', I32);
        out.u8(OP.localSet).u32(idx);
        this.saveGas(); // as before a direct call
        out.u8(OP.localGet).u32(this.gasLocal);
        out.u8(OP.localGet).u32(idx);
        out.u8(ins.op).u32(ctx.augType(ins.index)).u32(ins.index2);
        if (ins.op === OP.callIndirect) out.u8(OP.localSet).u32(this.gasLocal);
        else this.reachable = false;
        return;
      }
      case OP.localGet:
      case OP.localSet:
      case OP.localTee:
        this.addCost(ins);
        out.u8(ins.op).u32(this.mapLocal(ins.index));
        return;
      case OP.refFunc: {
        this.addCost(ins);
        const target = ctx.refTarget(ins.index);
        ctx.referencedFuncs.add(target);
        out.u8(OP.refFunc).u32(target);
        return;
      }
      default:
        break;
    }
    this.addCost(ins);
    if (ins.op === OP.prefixAtomic && (ins.sub === 0x01 || ins.sub === 0x02)) {
      // memory.atomic.wait32/64: on piecrust's unshared memory it traps; on the engine's shared
      // one it would block the thread. Trap here, like any trapping operator: what was charged
      // since the last accounting point is never committed (wasmtime does not flush it either).
      this.out.u8(OP.unreachable);
      this.pending = 0;
      this.reachable = false;
      return;
    }
    const store = storeShape(ins.op, ins.sub);
    if (store !== undefined) {
      this.emitTrackedStore(ins, store);
      return;
    }
    if (ins.op === OP.prefixMisc) {
      if (
        ins.sub === MISC.memoryFill ||
        ins.sub === MISC.memoryCopy ||
        ins.sub === MISC.memoryInit
      ) {
        this.emitTrackedBulk(ins);
        return;
      }
    }
    this.copy(ins);
    this.canonicalizeNan(ins);
  }

  private emitCall(f: number, tail: boolean): void {
    const { out, ctx } = this;
    if (ctx.isImportedFunc(f)) {
      // Host function: publish gas before, pick up its charges after.
      this.saveGas();
      out.u8(OP.call).u32(ctx.callTarget(f));
      this.reloadGas();
      if (tail) out.u8(OP.br).u32(this.control.length);
      return;
    }
    // wasmtime saves its fuel counter before every call: a trap in the callee before it
    // publishes anything reads the gas as it was here.
    this.saveGas();
    out.u8(OP.localGet).u32(this.gasLocal);
    out.u8(tail ? OP.returnCall : OP.call).u32(ctx.callTarget(f));
    if (!tail) out.u8(OP.localSet).u32(this.gasLocal);
  }

  /** Chunk (KiB) index of `addr + offset` → local `slot`, leaving nothing on the stack. */
  private emitChunkOf(addrLocal: number, offset: bigint, slot: 'chunk' | 'end'): number {
    const { out } = this;
    const chunk = this.temp(slot, I32);
    out.u8(OP.localGet).u32(addrLocal);
    if (this.ctx.is64) {
      if (offset !== 0n) out.u8(OP.i64Const).s64(BigInt.asIntN(64, offset)).u8(0x7c); // i64.add
      out.u8(OP.i64Const).s64(BigInt(CHUNK_SHIFT)).u8(0x88).u8(0xa7); // i64.shr_u, i32.wrap_i64
    } else {
      // A wrapped sum only happens for an access that traps anyway; marking is then harmless
      // (a trapped call commits nothing, and a chunk marked needlessly is only hashed again).
      if (offset !== 0n)
        out
          .u8(OP.i32Const)
          .s32(Number(offset) | 0)
          .u8(0x6a); // i32.add
      out.u8(OP.i32Const).s32(CHUNK_SHIFT).u8(0x76); // i32.shr_u
    }
    out.u8(OP.localSet).u32(chunk);
    return chunk;
  }

  /**
   * Before the store, make sure the chunks of its first and last byte are marked as written at
   * the current snapshot level: a one-chunk cache (global `last`) in front of the marks tables,
   * the host called only on the first write to a chunk or page. The last byte's chunk differs
   * only for a store straddling a chunk boundary (never for an atomic: those must be aligned);
   * without that check the second page of a store straddling two pages went unrecorded, so it
   * was neither reverted nor committed.
   */
  private emitTrackedStore(ins: Instr, store: StoreShape): void {
    const { out, ctx } = this;
    const addrType = ctx.is64 ? I64 : I32;
    const v1 = this.temp('val', store.type);
    const v2 = store.values === 2 ? this.temp('val2', store.type) : -1;
    const addr = this.temp('addr', addrType);
    if (store.values === 2) out.u8(OP.localSet).u32(v2);
    out.u8(OP.localSet).u32(v1);
    out.u8(OP.localSet).u32(addr);
    const chunk = this.emitChunkOf(addr, ins.memOffset, 'chunk');
    out.u8(OP.localGet).u32(chunk).u8(OP.globalGet).u32(ctx.lastChunkGlobal).u8(0x47); // i32.ne
    out.u8(OP.if).u8(0x40).u8(OP.localGet).u32(chunk).u8(OP.call).u32(ctx.markFunc).u8(OP.end);
    if (store.width > 1 && !store.aligned) {
      const end = this.emitChunkOf(addr, ins.memOffset + BigInt(store.width - 1), 'end');
      out.u8(OP.localGet).u32(end).u8(OP.localGet).u32(chunk).u8(0x47); // i32.ne
      out.u8(OP.if).u8(0x40).u8(OP.localGet).u32(end).u8(OP.call).u32(ctx.markFunc).u8(OP.end);
    }
    out.u8(OP.localGet).u32(addr).u8(OP.localGet).u32(v1);
    if (store.values === 2) out.u8(OP.localGet).u32(v2);
    this.copy(ins);
  }

  /** memory.fill / memory.copy / memory.init: mark every chunk of the destination range. */
  private emitTrackedBulk(ins: Instr): void {
    const { out, ctx } = this;
    const addrType = ctx.is64 ? I64 : I32;
    // Operand types: fill (dst, i32 value, len), copy (dst, src, len), init (dst, i32 src, i32 len).
    const isInit = ins.sub === MISC.memoryInit;
    const middleType = ins.sub === MISC.memoryCopy ? addrType : I32;
    const lenType = isInit ? I32 : addrType;
    const len = this.temp('len', lenType);
    const middle = this.temp('val', middleType);
    const dst = this.temp('addr', addrType);
    out.u8(OP.localSet).u32(len).u8(OP.localSet).u32(middle).u8(OP.localSet).u32(dst);
    out.u8(OP.localGet).u32(dst);
    if (addrType === I32) out.u8(0xad); // i64.extend_i32_u
    out.u8(OP.localGet).u32(len);
    if (lenType === I32) out.u8(0xad);
    out.u8(OP.call).u32(ctx.markRangeFunc);
    out.u8(OP.localGet).u32(dst).u8(OP.localGet).u32(middle).u8(OP.localGet).u32(len);
    this.copy(ins);
  }

  private canonicalizeNan(ins: Instr): void {
    const { out } = this;
    if (ins.sub < 0) {
      const type = NAN_SCALAR[ins.op];
      if (type === undefined) return;
      const t = this.temp('val', type);
      out.u8(OP.localTee).u32(t);
      if (type === F32) out.u8(OP.f32Const).bytes(CANONICAL_F32);
      else out.u8(OP.f64Const).bytes(CANONICAL_F64);
      out.u8(OP.localGet).u32(t).u8(OP.localGet).u32(t);
      out.u8(type === F32 ? 0x5b : 0x61); // f32.eq / f64.eq: false only for NaN
      out.u8(OP.select);
      return;
    }
    if (ins.op !== OP.prefixSimd) return;
    const isF32 = NAN_F32X4.has(ins.sub);
    if (!isF32 && !NAN_F64X2.has(ins.sub)) return;
    const t = this.temp('val', V128);
    out.u8(OP.localTee).u32(t);
    out
      .u8(OP.prefixSimd)
      .u32(12)
      .bytes(isF32 ? CANONICAL_F32X4 : CANONICAL_F64X2);
    out.u8(OP.localGet).u32(t).u8(OP.localGet).u32(t);
    out.u8(OP.prefixSimd).u32(isF32 ? 0x41 : 0x47); // f32x4.eq / f64x2.eq
    out.u8(OP.prefixSimd).u32(0x52); // v128.bitselect: lanes equal to themselves keep their value
  }
}
