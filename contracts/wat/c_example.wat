;; c_example: piecrust's C example contract, compiled for wasm64 (memory64) without uplink. `A` is an
;; i64 global, and the pointer-taking imports take i64 pointers.
;;   increment_and_read(raw 32-byte counter id) -> 8 raw bytes: ICC counter.increment, then
;;     counter.read_value, both with arg_len 0 and gas_limit 0 (93 % rule); returns the i64 read.
;;   out_of_bounds(_) -> 0: hd with a name pointer beyond 4 TiB: the host must trap.
;;   not_out_of_bounds(_) -> 0: hd with a pointer past the memory but below 4 TiB: reads zeros.
(module
  (import "env" "c" (func $c (param i64 i64 i32 i32 i64) (result i32)))
  (import "env" "hd" (func $hd (param i64 i32) (result i32)))
  (memory (export "memory") i64 2)
  ;; A = [u8; 65536] at 1024.
  (global (export "A") i64 (i64.const 1024))
  (global $id i64 (i64.const 67072))
  (data (i64.const 67200) "increment")
  (data (i64.const 67216) "read_value")

  (func (export "increment_and_read") (param $arg_len i32) (result i32)
    (local $value i64)
    ;; Copy the id out of A: the calls overwrite A.
    (i64.store (global.get $id) (i64.load (i64.const 1024)))
    (i64.store offset=8 (global.get $id) (i64.load offset=8 (i64.const 1024)))
    (i64.store offset=16 (global.get $id) (i64.load offset=16 (i64.const 1024)))
    (i64.store offset=24 (global.get $id) (i64.load offset=24 (i64.const 1024)))
    (drop (call $c (global.get $id) (i64.const 67200) (i32.const 9) (i32.const 0) (i64.const 0)))
    (drop (call $c (global.get $id) (i64.const 67216) (i32.const 10) (i32.const 0) (i64.const 0)))
    (local.set $value (i64.load (i64.const 1024)))
    (i64.store (i64.const 1024) (local.get $value))
    (i32.const 8))

  (func (export "out_of_bounds") (param i32) (result i32)
    (drop (call $hd (i64.const 0x3FFFFFFFFFF) (i32.const 2)))
    (i32.const 0))

  (func (export "not_out_of_bounds") (param i32) (result i32)
    (drop (call $hd (i64.const 0xFFFFFFFF) (i32.const 2)))
    (i32.const 0)))
