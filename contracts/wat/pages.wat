;; Fixture for page-level state tracking: writes single bytes into chosen 64 KiB pages.
;;   write(u32 page) -> (): grows memory if needed, then sets the last byte of `page` to (page + 1) & 0xff
;;   write_many((u32 first, u32 count)) -> (): the same for pages first .. first + count - 1
;;   bump() -> (): adds 1 to the last byte of page 1, taking no argument: each call changes exactly
;;     one page (an argument would be written to page 0 too), the root benchmark's common case
;; A occupies page 0; its last byte is never part of a small argument, so writing it is safe.
(module
  (import "env" "panic" (func $panic (param i32)))
  (memory (export "memory") 1)
  (global (export "A") i32 (i32.const 0))
  (data (i32.const 65400) "memory.grow failed")

  (func $write (param $page i32)
    (local $need i32)
    (local.set $need (i32.sub (i32.add (local.get $page) (i32.const 1)) (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then
            (memory.copy (i32.const 0) (i32.const 65400) (i32.const 18))
            (call $panic (i32.const 18))
            (unreachable)))))
    (i32.store8
      (i32.add (i32.shl (local.get $page) (i32.const 16)) (i32.const 65535))
      (i32.add (local.get $page) (i32.const 1))))

  (func (export "write") (param i32) (result i32)
    (call $write (i32.load (i32.const 0)))
    (i32.const 0))

  (func (export "write_many") (param i32) (result i32)
    (local $page i32)
    (local $end i32)
    (local.set $page (i32.load (i32.const 0)))
    (local.set $end (i32.add (local.get $page) (i32.load (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $page) (local.get $end)))
        (call $write (local.get $page))
        (local.set $page (i32.add (local.get $page) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func (export "bump") (param i32) (result i32)
    (if (i32.lt_u (memory.size) (i32.const 2)) (then (call $write (i32.const 1))))
    (i32.store8 (i32.const 131071) (i32.add (i32.load8_u (i32.const 131071)) (i32.const 1)))
    (i32.const 0)))
