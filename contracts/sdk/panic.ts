// Panics and debug output, with uplink's message conventions.
import { A, ARGBUF_LEN } from './argbuf';
import { hdebug as ext_hdebug, panic as ext_panic } from './env';
import { utf8Len, writeUtf8 } from './utf8';

/**
 * uplink's panic handler: the formatted message goes to `A` and the `panic` import traps with it.
 * A message that does not fit the buffer is replaced, as uplink's `ArgbufWriter` does.
 */
export function panic(msg: string): void {
  const text = utf8Len(msg) > ARGBUF_LEN ? 'PANIC INFO TOO LONG' : msg;
  ext_panic(writeUtf8(text, A));
  // The host never returns from `panic`; trap anyway should a host do so.
  unreachable();
}

/** `uplink::debug!`: the formatted text goes to the host's debug log through `hdebug`. */
export function debug(msg: string): void {
  // `debug!` unwraps the `fmt::Error` the argument-buffer writer returns when the text is too long.
  if (utf8Len(msg) > ARGBUF_LEN) panic('called `Result::unwrap()` on an `Err` value: Error');
  ext_hdebug(writeUtf8(msg, A));
}

/** Rust's `assert_eq!(left, right, "msg")` failure text, given the already formatted operands. */
export function assertEqFailed(left: string, right: string, msg: string): void {
  panic('assertion `left == right` failed: ' + msg + '\n  left: ' + left + '\n right: ' + right);
}
