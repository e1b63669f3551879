;; Bad fixture: imports `c` with a signature that is not piecrust's (instantiation fails: RuntimeError).
(module
  (import "env" "c" (func $c (param i32) (result i32)))
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "call_c") (param $n i32) (result i32) (call $c (local.get $n))))
