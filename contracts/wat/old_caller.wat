;; old_caller: the pre-0.16 uplink ABI, where `caller` is `() -> ()` and always writes 32 bytes at A
;; (all zero when there is no calling contract). A HEAD host must refuse to link it or support the OLD
;; ABI explicitly (spec §11.1).
;;   return_caller(()) -> ContractId (rkyv = the 32 raw bytes)
;;   call_other(ContractId) -> ContractId: ICC <id>.return_caller(()) and returns its 32 bytes
(module
  (import "env" "caller" (func $caller))
  (import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (data (i32.const 66600) "return_caller")

  (func (export "return_caller") (param i32) (result i32)
    (call $caller)
    (i32.const 32))

  (func (export "call_other") (param i32) (result i32)
    (memory.copy (i32.const 66560) (i32.const 1024) (i32.const 32))
    (if (i32.lt_s (call $c (i32.const 66560) (i32.const 66600) (i32.const 13) (i32.const 0) (i64.const 0)) (i32.const 0))
      (then (unreachable)))
    (i32.const 32)))
