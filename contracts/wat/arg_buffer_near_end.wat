;; Edge fixture: 1 page, no maximum, A = 60000, so the argument buffer runs past the current memory
;; (valid: the maximum is 4 GiB). The host must handle argument/result copies beyond the memory length.
;;   echo(any) -> the argument bytes unchanged (the result is A[0..arg_len])
;;   first_byte(any) -> 1 byte: A[0]
(module
  (memory (export "memory") 1)
  (global (export "A") i32 (i32.const 60000))
  (func (export "echo") (param $arg_len i32) (result i32) (local.get $arg_len))
  (func (export "first_byte") (param i32) (result i32) (i32.const 1)))
