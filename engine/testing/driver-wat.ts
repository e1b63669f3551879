// A data-driver written in WebAssembly text, for tests of the driver runtime and of what the
// engine does with a driver that misbehaves (any of its functions can be replaced).
/**
 * A well-behaved driver in text: a bump allocator that grows memory, `decode_*` echo their rkyv
 * bytes as the JSON payload, `encode_input_fn` echoes the JSON, a 4-byte function name is
 * refused (code 3, "Unsupported(\"<name>\")" through get_last_error). `$put` follows the ABI:
 * a payload that does not fit gets its length header only. Any function can be replaced.
 */
export function driverWat(
  replace: Record<string, string> = {},
  { imports = '', omit = '' } = {},
): string {
  const fns: Record<string, string> = {
    alloc: `(func (export "alloc") (param $n i32) (result i32) (local $p i32)
      (local.set $p (global.get $heap))
      (global.set $heap (i32.add (global.get $heap) (local.get $n)))
      (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
        (then (drop (memory.grow (i32.add (i32.const 1)
          (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)))))))
      (local.get $p))`,
    dealloc: `(func (export "dealloc") (param i32 i32))`,
    init: `(func (export "init") (global.set $inits (i32.add (global.get $inits) (i32.const 1))))`,
    encode_input_fn: `(func (export "encode_input_fn") (param $f i32) (param $fl i32) (param $p i32) (param $l i32) (param $o i32) (param $s i32) (result i32)
      (if (i32.eq (local.get $fl) (i32.const 4)) (then (call $refuse (local.get $f) (local.get $fl)) (return (i32.const 3))))
      (call $put (local.get $o) (local.get $s) (local.get $p) (local.get $l)))`,
    decode_input_fn: echo('decode_input_fn'),
    decode_output_fn: echo('decode_output_fn'),
    decode_event: echo('decode_event'),
    get_schema: `(func (export "get_schema") (param $o i32) (param $s i32) (result i32)
      (call $put (local.get $o) (local.get $s) (i32.const 64) (i32.const 15)))`,
    get_version: `(func (export "get_version") (param $o i32) (param $s i32) (result i32)
      (call $put (local.get $o) (local.get $s) (i32.const 16) (i32.const 5)))`,
    get_last_error: `(func (export "get_last_error") (param $o i32) (param $s i32) (result i32)
      (call $put (local.get $o) (local.get $s) (i32.const 256) (global.get $errlen)))`,
    ...replace,
  };
  return `(module ${imports}
    (memory (export "memory") 2)
    (global $heap (mut i32) (i32.const 65536))
    (global $inits (export "inits") (mut i32) (i32.const 0))
    (global $errlen (mut i32) (i32.const 0))
    (data (i32.const 16) "0.1.0")
    (data (i32.const 64) "{\\"functions\\":1}")
    (data (i32.const 128) "Unsupported(\\"")
    (func $put (param $o i32) (param $s i32) (param $src i32) (param $len i32) (result i32)
      (i32.store (local.get $o) (local.get $len))
      (if (i32.le_u (i32.add (local.get $len) (i32.const 4)) (local.get $s))
        (then (memory.copy (i32.add (local.get $o) (i32.const 4)) (local.get $src) (local.get $len))))
      (i32.const 0))
    (func $refuse (param $f i32) (param $fl i32)
      (memory.copy (i32.const 256) (i32.const 128) (i32.const 13))
      (memory.copy (i32.const 269) (local.get $f) (local.get $fl))
      (i32.store16 (i32.add (i32.const 269) (local.get $fl)) (i32.const 0x2922))
      (global.set $errlen (i32.add (local.get $fl) (i32.const 15))))
    ${Object.entries(fns)
      .filter(([name]) => name !== omit)
      .map(([, body]) => body)
      .join('\n')})`;
}

function echo(name: string): string {
  return `(func (export "${name}") (param i32 i32) (param $p i32) (param $l i32) (param $o i32) (param $s i32) (result i32)
    (call $put (local.get $o) (local.get $s) (local.get $p) (local.get $l)))`;
}
