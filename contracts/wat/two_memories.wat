;; Bad fixture: two memories (multi-memory), only the first exported. piecrust rejects it (UNIT-3).
(module
  (memory $main (export "memory") 2)
  (memory $other 1)
  (global (export "A") i32 (i32.const 1024))
  (func (export "noop") (param i32) (result i32)
    (i32.store $other (i32.const 0) (i32.const 1))
    (i32.const 0)))
