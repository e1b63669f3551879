;; Fixture for gas exhaustion and stack exhaustion.
;;   spin(_): loops forever (must end with OutOfGas)
;;   recurse(_): recurses without bound (stack overflow, or OutOfGas with a small limit)
(module
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "spin") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0))
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1))))
