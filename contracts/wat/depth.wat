;; depth: nested self-calls without formatting, for the call-depth limit (UNIT-2). Each frame passes
;; the first negative code it sees up as data, so a refused call at depth 48 (i32::MIN) reaches the
;; host intact instead of being buried in nested panic messages.
;;   descend(u32 n) -> i32 LE: n nested calls of itself; 0 if the innermost frame ran, else the code
(module
  (import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))
  (import "env" "self_id" (func $self_id))
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (data (i32.const 66600) "descend")

  (func (export "descend") (param i32) (result i32)
    (local $n i32)
    (local $code i32)
    (local.set $n (i32.load (i32.const 1024)))
    (if (i32.eqz (local.get $n))
      (then
        (i32.store (i32.const 1024) (i32.const 0))
        (return (i32.const 4))))
    ;; Our id at 66560 (every frame of this instance writes the same bytes there).
    (call $self_id)
    (memory.copy (i32.const 66560) (i32.const 1024) (i32.const 32))
    (i32.store (i32.const 1024) (i32.sub (local.get $n) (i32.const 1)))
    (local.set $code (call $c (i32.const 66560) (i32.const 66600) (i32.const 7) (i32.const 4) (i64.const 0)))
    ;; On success the host copied the callee's 4-byte result into A already.
    (if (i32.lt_s (local.get $code) (i32.const 0))
      (then (i32.store (i32.const 1024) (local.get $code))))
    (i32.const 4)))
