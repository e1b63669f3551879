;; Bad fixture: the memory may never exceed 1 page but A = 100 needs 100 + 65536 bytes
;; (InvalidArgumentBuffer).
(module
  (memory (export "memory") 1 1)
  (global (export "A") i32 (i32.const 100))
  (func (export "noop") (param i32) (result i32) (i32.const 0)))
