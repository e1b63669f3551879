;; counter64: a wasm64 counter (rkyv i64 starting at 0xfc) that also calls every pointer-taking import
;; with wasm64 types, so the host's 64-bit pointer handling is exercised.
;;   read_value(()) -> i64, increment(()) -> ()
;;   emit_one(_) -> 0: emits topic "x" with data 01 02 03 04
;;   read_meta(_) -> raw bytes of metadata "height" (0 bytes if absent)
;;   read_owner(_) -> raw owner bytes (owner(0) = self)
;;   read_self(_) -> 32 raw bytes of self_id
;;   read_caller(_) -> 32 raw bytes of the caller, or 0 bytes for a host call
;;   query(rkyv Vec<u8>) -> result of host query "hash" on the argument
;;   call_read_value(raw 32-byte id) -> result of ICC <id>.read_value(())
(module
  (import "env" "c" (func $c (param i64 i64 i32 i32 i64) (result i32)))
  (import "env" "hq" (func $hq (param i64 i32 i32) (result i32)))
  (import "env" "hd" (func $hd (param i64 i32) (result i32)))
  (import "env" "emit" (func $emit (param i64 i32 i32)))
  (import "env" "owner" (func $owner (param i64) (result i32)))
  (import "env" "self_id" (func $self_id))
  (import "env" "caller" (func $caller (result i32)))
  (import "env" "panic" (func $panic (param i32)))
  (memory (export "memory") i64 2)
  (global (export "A") i64 (i64.const 1024))
  (global $value i64 (i64.const 66560))
  (global $id i64 (i64.const 66600))
  (data (i64.const 66560) "\fc")
  (data (i64.const 66640) "x")
  (data (i64.const 66648) "height")
  (data (i64.const 66656) "hash")
  (data (i64.const 66664) "read_value")

  (func (export "read_value") (param i32) (result i32)
    (i64.store (i64.const 1024) (i64.load (global.get $value)))
    (i32.const 8))

  (func (export "increment") (param i32) (result i32)
    (i64.store (global.get $value) (i64.add (i64.load (global.get $value)) (i64.const 1)))
    (i32.const 0))

  (func (export "emit_one") (param i32) (result i32)
    (i32.store (i64.const 1024) (i32.const 0x04030201))
    (call $emit (i64.const 66640) (i32.const 1) (i32.const 4))
    (i32.const 0))

  (func (export "read_meta") (param i32) (result i32)
    (call $hd (i64.const 66648) (i32.const 6)))

  (func (export "read_owner") (param i32) (result i32)
    (call $owner (i64.const 0)))

  (func (export "read_self") (param i32) (result i32)
    (call $self_id)
    (i32.const 32))

  (func (export "read_caller") (param i32) (result i32)
    (select (i32.const 32) (i32.const 0) (call $caller)))

  (func (export "query") (param $arg_len i32) (result i32)
    (call $hq (i64.const 66656) (i32.const 4) (local.get $arg_len)))

  (func (export "call_read_value") (param i32) (result i32)
    (local $ret i32)
    (i64.store (global.get $id) (i64.load (i64.const 1024)))
    (i64.store offset=8 (global.get $id) (i64.load offset=8 (i64.const 1024)))
    (i64.store offset=16 (global.get $id) (i64.load offset=16 (i64.const 1024)))
    (i64.store offset=24 (global.get $id) (i64.load offset=24 (i64.const 1024)))
    (local.set $ret (call $c (global.get $id) (i64.const 66664) (i32.const 10) (i32.const 0) (i64.const 0)))
    ;; A failed call: pass the error on as a panic with the callee's message (if any).
    (if (i32.lt_s (local.get $ret) (i32.const 0))
      (then (call $panic (i32.const 0)) (unreachable)))
    (local.get $ret)))
