;; Bad fixture: a start function that does some work. piecrust runs it with zero gas, so every
;; instantiation traps (out of gas).
(module
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func $start
    (local $i i32)
    (loop $fill
      (i32.store8 (i32.add (i32.const 66560) (local.get $i)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 16)))))
  (start $start)
  (func (export "read") (param i32) (result i32)
    (i32.store (i32.const 1024) (i32.load (i32.const 66564)))
    (i32.const 4)))
