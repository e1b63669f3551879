// UTF-8 helpers. AssemblyScript strings are UTF-16; everything crossing the ABI is UTF-8.

/**
 * Writes the UTF-8 bytes of `s` at `dst` without allocating; returns the byte length. ASCII goes four
 * characters per store: stores cost gas per instruction, and most names and messages are ASCII.
 */
export function writeUtf8(s: string, dst: usize): u32 {
  const src = changetype<usize>(s);
  const n = <u32>s.length;
  let i: u32 = 0;
  while (i + 4 <= n) {
    const w = load<u64>(src + ((<usize>i) << 1));
    if (w & 0xff80ff80ff80ff80) break;
    store<u32>(
      dst + i,
      (<u32>(w & 0xff)) |
        (<u32>((w >> 8) & 0xff00)) |
        (<u32>((w >> 16) & 0xff0000)) |
        (<u32>((w >> 24) & 0xff000000)),
    );
    i += 4;
  }
  if (i == n) return n;
  return i + <u32>String.UTF8.encodeUnsafe(src + ((<usize>i) << 1), n - i, dst + i);
}

/** Static scratch for names and topics handed to the host (read before the host runs anything). */
const NAME_BUF: usize = memory.data(1024, 8);
let nameLen: u32 = 0;

/** UTF-8 of a function name, topic or query name; its length is `encodedLen()`. */
export function encodeName(s: string): usize {
  if (<u32>s.length * 3 <= 1024) {
    nameLen = writeUtf8(s, NAME_BUF);
    return NAME_BUF;
  }
  const bytes = utf8(s);
  nameLen = <u32>bytes.byteLength;
  return changetype<usize>(bytes);
}

export function encodedLen(): u32 {
  return nameLen;
}

export function utf8Len(s: string): u32 {
  return <u32>String.UTF8.byteLength(s);
}

export function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

export function decodeUtf8(ptr: usize, len: u32): string {
  return String.UTF8.decodeUnsafe(ptr, len);
}

function isCont(b: u32): bool {
  return (b & 0xc0) == 0x80;
}

/**
 * Validates like Rust's `core::str::from_utf8` and returns its `Utf8Error` Display text, or null when
 * valid. Same acceptance rules as Rust (no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function checkUtf8(ptr: usize, len: u32): string | null {
  let i: u32 = 0;
  while (i < len) {
    const first = <u32>load<u8>(ptr + i);
    if (first < 0x80) {
      i++;
      continue;
    }
    const width: u32 =
      first >= 0xc2 && first <= 0xdf
        ? 2
        : first >= 0xe0 && first <= 0xef
          ? 3
          : first >= 0xf0 && first <= 0xf4
            ? 4
            : 0;
    if (width == 0) return invalid(i, 1);
    if (i + 1 >= len) return incomplete(i);
    const second = <u32>load<u8>(ptr + i + 1);
    if (width == 2) {
      if (!isCont(second)) return invalid(i, 1);
    } else if (width == 3) {
      const ok =
        (first == 0xe0 && second >= 0xa0 && second <= 0xbf) ||
        (first >= 0xe1 && first <= 0xec && isCont(second)) ||
        (first == 0xed && second >= 0x80 && second <= 0x9f) ||
        (first >= 0xee && first <= 0xef && isCont(second));
      if (!ok) return invalid(i, 1);
      if (i + 2 >= len) return incomplete(i);
      if (!isCont(<u32>load<u8>(ptr + i + 2))) return invalid(i, 2);
    } else {
      const ok =
        (first == 0xf0 && second >= 0x90 && second <= 0xbf) ||
        (first >= 0xf1 && first <= 0xf3 && isCont(second)) ||
        (first == 0xf4 && second >= 0x80 && second <= 0x8f);
      if (!ok) return invalid(i, 1);
      if (i + 2 >= len) return incomplete(i);
      if (!isCont(<u32>load<u8>(ptr + i + 2))) return invalid(i, 2);
      if (i + 3 >= len) return incomplete(i);
      if (!isCont(<u32>load<u8>(ptr + i + 3))) return invalid(i, 3);
    }
    i += width;
  }
  return null;
}

function invalid(index: u32, errorLen: u32): string {
  return (
    'invalid utf-8 sequence of ' + errorLen.toString() + ' bytes from index ' + index.toString()
  );
}

function incomplete(index: u32): string {
  return 'incomplete utf-8 byte sequence from index ' + index.toString();
}
