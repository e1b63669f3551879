;; Fixture for memory growth limits: memory of 1 page, at most 4.
;;   grow(u32 pages) -> u32: memory.grow by `pages`; returns the new page count (rkyv u32), or panics
;;   with "memory.grow failed" when growth is refused.
;; A occupies page 0 entirely; the panic text lives at its far end, which small arguments never touch.
(module
  (import "env" "panic" (func $panic (param i32)))
  (memory (export "memory") 1 4)
  (global (export "A") i32 (i32.const 0))
  (data (i32.const 65500) "memory.grow failed")
  (func (export "grow") (param i32) (result i32)
    (if (i32.eq (memory.grow (i32.load (i32.const 0))) (i32.const -1))
      (then
        (memory.copy (i32.const 0) (i32.const 65500) (i32.const 18))
        (call $panic (i32.const 18))
        (unreachable)))
    (i32.store (i32.const 0) (memory.size))
    (i32.const 4)))
