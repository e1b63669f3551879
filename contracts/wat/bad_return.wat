;; Bad fixture: functions returning impossible result lengths.
;;   too_long(_) -> 70000 (more than the 64 KiB argument buffer)
;;   negative(_) -> -5
(module
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "too_long") (param i32) (result i32) (i32.const 70000))
  (func (export "negative") (param i32) (result i32) (i32.const -5)))
