/**
 * The benchmarks' page writer (a contract body for engine/testing/wat's contractWat): `write(n)`
 * grows the memory by n pages and writes page p's number at its start, p = 1..n, so no two pages
 * are equal (no page version is shared, nothing compresses away).
 */
export const WRITE_PAGES_BODY = `(func (export "write") (param i32) (result i32) (local $n i32) (local $p i32)
  (local.set $n (i32.load (i32.const 0)))
  (drop (memory.grow (local.get $n)))
  (local.set $p (i32.const 1))
  (block $done (loop $l
    (br_if $done (i32.gt_u (local.get $p) (local.get $n)))
    (i32.store (i32.shl (local.get $p) (i32.const 16)) (local.get $p))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (br $l)))
  (i32.const 0))`;
