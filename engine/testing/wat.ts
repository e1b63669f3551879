/**
 * Test helper: WebAssembly text → binary with wabt (a dev dependency; never imported by
 * production code).
 */
import wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

/** `debugNames`: keep the `$names` in a `name` custom section (wabt drops them by default). */
export async function wat(source: string, { debugNames = false } = {}): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  // multi_memory is accepted by wabt but missing from its typings.
  const features = {
    memory64: true,
    multi_memory: true,
    bulk_memory: true,
    reference_types: true,
    simd: true,
    relaxed_simd: true,
    tail_call: true,
    threads: true,
  };
  const module = wabt.parseWat('test.wat', source, features);
  try {
    return new Uint8Array(module.toBinary({ write_debug_names: debugNames }).buffer);
  } finally {
    module.destroy();
  }
}

/** A contract module skeleton: one exported memory, `A` at 0, and the given body. */
export function contractWat(
  body: string,
  { memory = '(memory (export "memory") 2)', imports = '' } = {},
): string {
  return `(module ${imports} ${memory} (global (export "A") i32 (i32.const 0)) ${body})`;
}
