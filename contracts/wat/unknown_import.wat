;; Bad fixture: imports a host function piecrust does not have (InvalidFunction("foo")).
(module
  (import "env" "foo" (func $foo (param i32) (result i32)))
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "call_foo") (param $n i32) (result i32) (call $foo (local.get $n))))
