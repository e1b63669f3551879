;; Fixture for the gas a trap leaves behind: each function does some work in a callee, then
;; traps without a host call. wasmtime saves its fuel counter before every call and at every
;; return, never at the trapping instruction, so the gas spent at the failure is what was spent
;; up to the last call or return (tests/oracle/cases/traps.json compares it).
;;   oob_after_calls(_): three calls, then a load past the 2-page memory
;;   div_after_calls(_): three calls, then an unsigned division by zero
;;   oob_in_callee(_): a callee does work, calls, then loads out of bounds
;;   null_indirect(_): a call, then call_indirect through an empty table slot
;;   calls_only(_): three calls and returns (succeeds: the same work without the trap)
(module
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (table 2 funcref)
  (func $work (result i32)
    (i32.add (i32.mul (i32.const 3) (i32.const 5)) (i32.const 7)))
  (func $deep (result i32)
    (drop (call $work))
    (drop (i32.add (i32.const 1) (i32.const 2)))
    (i32.load (i32.const 0x20000)))
  (func (export "oob_after_calls") (param i32) (result i32)
    (drop (call $work)) (drop (call $work)) (drop (call $work))
    (drop (i32.const 9)) (drop (i32.const 9))
    (i32.load (i32.const 0x20000)))
  (func (export "div_after_calls") (param i32) (result i32)
    (drop (call $work)) (drop (call $work)) (drop (call $work))
    (i32.div_u (local.get 0) (i32.const 0)))
  (func (export "oob_in_callee") (param i32) (result i32)
    (drop (call $work))
    (call $deep))
  (func (export "null_indirect") (param i32) (result i32)
    (drop (call $work))
    (call_indirect (result i32) (i32.const 1)))
  (func (export "calls_only") (param i32) (result i32)
    (drop (call $work)) (drop (call $work)) (drop (call $work))
    (i32.const 0)))
