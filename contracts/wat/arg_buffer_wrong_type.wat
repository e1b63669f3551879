;; Bad fixture: `A` is an i64 global in a wasm32 module (InvalidArgumentBuffer).
(module
  (memory (export "memory") 2)
  (global (export "A") i64 (i64.const 1024))
  (func (export "noop") (param i32) (result i32) (i32.const 0)))
