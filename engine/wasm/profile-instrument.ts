/**
 * The profiling variant of an instrumented module (instrument.ts, option `profile`): every
 * defined function's index holds a wrapper of the same augmented type (params + gas → results +
 * gas) that tells the host `enter(f, gas)`, calls the metered body (moved to the end of the
 * function space) and tells it `exit(f, gas)`. Call sites, table entries, `ref.func`, exports and
 * the start function all reach the wrapper with no change to the bodies, and the wrapper charges
 * nothing and publishes nothing, so the gas, and every place it could be observed, is the normal
 * module's. `f` is the function's index in the original module; the host adds the frame's
 * reserve to `gas` for the remaining gas (vm call-context.ts).
 */
import { ByteWriter } from './binary';
import { OP } from './instructions';
import { I64, type FuncType } from './module';

const F64_CONVERT_I64_S = 0xb9;

/**
 * Import module of the hooks; both are `(i32 funcIndex, f64 gas) -> ()`. The gas goes as an f64,
 * a JS number (an i64 would be a BigInt allocated per hook call, most of the profiler's cost): it
 * is exact, the local holding at most one slice (2^24, call-context.ts) and overdrawing it by far
 * less than 2^53.
 */
export const PROFILE_MODULE = '__piecrust_profile';
export const PROFILE_ENTER = 'enter';
export const PROFILE_EXIT = 'exit';
export const PROFILE_IMPORTS = [PROFILE_ENTER, PROFILE_EXIT] as const;

/**
 * The wrapper of original function `funcIndex` (original type `type`), calling the metered body at
 * `body`; `hooks` are the indices of the imported hooks.
 */
export function profileWrapperBody(
  type: FuncType,
  funcIndex: number,
  body: number,
  hooks: { enter: number; exit: number },
): Uint8Array {
  const gasParam = type.params.length;
  const gasOut = gasParam + 1; // the gas the body hands back, kept while the results wait
  const w = new ByteWriter(32 + 2 * type.params.length);
  w.u32(1).u32(1).u8(I64);
  w.u8(OP.i32Const).s32(funcIndex).u8(OP.localGet).u32(gasParam).u8(F64_CONVERT_I64_S);
  w.u8(OP.call).u32(hooks.enter);
  for (let p = 0; p <= gasParam; p++) w.u8(OP.localGet).u32(p);
  w.u8(OP.call).u32(body).u8(OP.localSet).u32(gasOut);
  w.u8(OP.i32Const).s32(funcIndex).u8(OP.localGet).u32(gasOut).u8(F64_CONVERT_I64_S);
  w.u8(OP.call).u32(hooks.exit);
  w.u8(OP.localGet).u32(gasOut).u8(OP.end);
  return w.finish();
}
