// Rust `{:?}` formatting for the few types contracts print in panic and debug messages, so that the
// host sees the same text a piecrust-uplink contract would produce.

/** UTF-16 code units of the hex digits. */
const DIGITS: usize = memory.data<u16>([
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102,
]);

/** Lowercase hex without prefix: uplink's `Debug`/`Display` of `ContractId`. Built in place: one allocation. */
export function hex(ptr: usize, len: u32): string {
  // @ts-ignore: runtime builtin (AssemblyScript)
  const out = changetype<string>(__new((<usize>len) << 2, idof<string>()));
  const dst = changetype<usize>(out);
  for (let i: u32 = 0; i < len; i++) {
    const b = <u32>load<u8>(ptr + i);
    const hi = <u32>load<u16>(DIGITS + ((b >> 4) << 1));
    const lo = <u32>load<u16>(DIGITS + ((b & 15) << 1));
    store<u32>(dst + ((<usize>i) << 2), hi | (lo << 16));
  }
  return out;
}

/** `{:p}`-style address, used in rkyv's error texts. */
export function pointer(addr: usize): string {
  return '0x' + (<u64>addr).toString(16);
}

/** `{:?}` of a `[u8; N]`: `[1, 2, 3]`. */
export function byteArrayDebug(ptr: usize, len: u32): string {
  let out = '[';
  for (let i: u32 = 0; i < len; i++) {
    if (i > 0) out += ', ';
    out += load<u8>(ptr + i).toString();
  }
  return out + ']';
}

/**
 * `{:?}` of a `str`: quoted, with Rust's `char::escape_debug` rules for the characters that matter in
 * practice (quotes, backslash, \t \r \n \0, other control characters as `\u{..}`). Rust also escapes
 * a few non-printable Unicode ranges beyond Latin-1 controls; those are printed verbatim here.
 */
export function debugStr(s: string): string {
  // Two passes (measure, then write into one allocation): a panic message may embed another one,
  // so this runs on long strings with little gas left (a failed call keeps only 7 % of the gas).
  const src = changetype<usize>(s);
  const n = <usize>s.length;
  let len: usize = 2;
  for (let i: usize = 0; i < n; i++) len += escapedLen(<u32>load<u16>(src + (i << 1)));
  // @ts-ignore: runtime builtin (AssemblyScript)
  const out = changetype<string>(__new(len << 1, idof<string>()));
  let dst = changetype<usize>(out);
  store<u16>(dst, 0x22);
  dst += 2;
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u16>(src + (i << 1));
    const k = escapedLen(c);
    if (k == 1) {
      store<u16>(dst, <u16>c);
    } else if (k == 2) {
      store<u16>(dst, 0x5c);
      store<u16>(dst, <u16>shortEscape(c), 2);
    } else {
      // \u{X} or \u{XX}: the only characters escaped this way are below 0x100.
      store<u64>(dst, 0x007b_0075_005c); // \ u {
      const digits = k - 4;
      if (digits == 2) store<u16>(dst, hexDigit(c >> 4), 6);
      store<u16>(dst + 6 + ((digits - 1) << 1), hexDigit(c & 15));
      store<u16>(dst + ((k - 1) << 1), 0x7d);
    }
    dst += k << 1;
  }
  store<u16>(dst, 0x22);
  return out;
}

/** Characters Rust escapes as `\u{..}`: C0 and C1 controls, DEL and the soft hyphen. */
function isControl(c: u32): bool {
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad;
}

/** Escape letter for `\"`, `\\`, `\t`, `\n`, `\r`, `\0`, or 0. */
function shortEscape(c: u32): u32 {
  if (c == 0x22 || c == 0x5c) return c;
  if (c == 0x09) return 0x74;
  if (c == 0x0a) return 0x6e;
  if (c == 0x0d) return 0x72;
  if (c == 0x00) return 0x30;
  return 0;
}

/** UTF-16 units the escaped form of code unit `c` takes (surrogates pass through unchanged). */
function escapedLen(c: u32): usize {
  if (shortEscape(c) != 0) return 2;
  if (isControl(c)) return c < 16 ? 5 : 6;
  return 1;
}

function hexDigit(d: u32): u16 {
  return <u16>(d < 10 ? 0x30 + d : 0x57 + d);
}
