;; Fixture for NaN canonicalisation: stores f64 0.0/0.0 at A[0..8] and f32 0.0/0.0 at A[8..12].
;; On x86 these divisions produce a NaN with the sign bit set; a deterministic engine must store the
;; canonical NaN (f64 0x7ff8000000000000, f32 0x7fc00000) instead.
(module
  (memory (export "memory") 2)
  (global (export "A") i32 (i32.const 1024))
  (func (export "nan") (param i32) (result i32)
    (f64.store (i32.const 1024) (f64.div (f64.const 0) (f64.const 0)))
    (f32.store (i32.const 1032) (f32.div (f32.const 0) (f32.const 0)))
    (i32.const 12)))
