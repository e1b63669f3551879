;; Bad fixture: no `A` export (deploy/instantiation must fail with InvalidArgumentBuffer).
(module
  (memory (export "memory") 1)
  (func (export "noop") (param i32) (result i32) (i32.const 0)))
