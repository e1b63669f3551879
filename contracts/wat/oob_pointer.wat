;; Bad fixture: out-of-bounds accesses.
;;   emit_oob(_): emit with topic pointer 0xFFFFFFF0 and length 32, past 4 GiB (MemoryAccessOutOfBounds)
;;   store_oob(_): a plain store past the end of the 2-page memory (wasm trap: RuntimeError)
(module
  (import "env" "emit" (func $emit (param i32 i32 i32)))
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "emit_oob") (param i32) (result i32)
    (call $emit (i32.const 0xFFFFFFF0) (i32.const 32) (i32.const 0))
    (i32.const 0))
  (func (export "store_oob") (param i32) (result i32)
    (i32.store (i32.const 0x20000) (i32.const 1))
    (i32.const 0)))
