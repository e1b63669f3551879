// JSON ⇄ rkyv 0.7 for the types our sample contracts use. Type names, as get_schema reports them:
//   "()"                      JSON null, no bytes
//   "bool"                    JSON true/false, one byte
//   "u8" … "u32", "i8" … "i32"  a JSON number, little-endian
//   "u64", "i64"              a JSON string of decimals (a number is accepted on input)
//   "ContractId"              a JSON string of 64 hex digits ("0x" accepted on input), 32 bytes
//   "Option<T>"               JSON null, or T; rkyv: tag byte (0/1), padding to T's alignment, T
// Errors go to `codecError` as `Rkyv("…")` or `Json("…")`.
import { JsonReader, jsonError, readInteger } from './json';

export let codecError: string = '';

/** Byte width of an integer type name, 0 for anything else. */
function intWidth(type: string): i32 {
  if (type == 'u8' || type == 'i8') return 1;
  if (type == 'u16' || type == 'i16') return 2;
  if (type == 'u32' || type == 'i32') return 4;
  if (type == 'u64' || type == 'i64') return 8;
  return 0;
}

function isOption(type: string): bool {
  return type.startsWith('Option<') && type.endsWith('>');
}

function optionInner(type: string): string {
  return type.substring(7, type.length - 1);
}

/** Archived alignment (1 for types we do not know: sizeOf refuses them). */
function alignOf(type: string): i32 {
  const w = intWidth(type);
  if (w > 0) return w;
  if (isOption(type)) return alignOf(optionInner(type));
  return 1;
}

/** Where an Option's payload starts: after the tag, at the payload's alignment. */
function payloadOffset(inner: string): i32 {
  return alignOf(inner);
}

/** Archived size, -1 for a type we do not know. */
export function sizeOf(type: string): i32 {
  if (type == '()') return 0;
  if (type == 'bool') return 1;
  if (type == 'ContractId') return 32;
  const w = intWidth(type);
  if (w > 0) return w;
  if (isOption(type)) {
    const inner = optionInner(type);
    const size = sizeOf(inner);
    if (size < 0) return -1;
    const align = alignOf(inner);
    return ((payloadOffset(inner) + size + align - 1) / align) * align;
  }
  return -1;
}

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** `"<64 hex digits>"` (optionally `"0x…"`) into 32 bytes at `ptr`. */
function encodeId(r: JsonReader, ptr: usize): bool {
  r.skipWs();
  if (r.pos >= r.text.length || r.text.charCodeAt(r.pos) != 0x22)
    return r.fail('expected a ContractId as a string of 64 hex digits');
  r.pos++;
  if (r.text.substr(r.pos, 2) == '0x') r.pos += 2;
  for (let i = 0; i < 32; i++) {
    const hi = r.pos < r.text.length ? hexDigit(r.text.charCodeAt(r.pos)) : -1;
    const lo = r.pos + 1 < r.text.length ? hexDigit(r.text.charCodeAt(r.pos + 1)) : -1;
    if (hi < 0 || lo < 0) return r.fail('expected 64 hex digits in a ContractId');
    store<u8>(ptr + i, <u8>((hi << 4) | lo));
    r.pos += 2;
  }
  if (r.pos >= r.text.length || r.text.charCodeAt(r.pos) != 0x22)
    return r.fail('expected the closing quote after 64 hex digits');
  r.pos++;
  return true;
}

function decodeId(ptr: usize): string {
  const digits = '0123456789abcdef';
  let out = '"';
  for (let i = 0; i < 32; i++) {
    const b = load<u8>(ptr + i);
    out += digits.charAt(b >> 4) + digits.charAt(b & 15);
  }
  return out + '"';
}

function storeLe(ptr: usize, value: u64, width: i32): void {
  for (let i = 0; i < width; i++) store<u8>(ptr + i, <u8>(value >> (<u64>(8 * i))));
}

function loadLe(ptr: usize, width: i32): u64 {
  let v: u64 = 0;
  for (let i = 0; i < width; i++) v |= u64(load<u8>(ptr + i)) << u64(8 * i);
  return v;
}

/** Write the value read from `r` as `type` at `ptr` (sizeOf(type) bytes); false on a bad value. */
function encodeAt(type: string, r: JsonReader, ptr: usize): bool {
  if (type == '()') {
    if (r.accept('null')) return true;
    return r.fail('expected null for ()');
  }
  if (type == 'bool') {
    if (r.accept('true')) store<u8>(ptr, 1);
    else if (r.accept('false')) store<u8>(ptr, 0);
    else return r.fail('expected true or false');
    return true;
  }
  if (type == 'ContractId') return encodeId(r, ptr);
  const w = intWidth(type);
  if (w > 0) {
    const at = r.pos;
    const n = readInteger(r);
    if (n == null) return false;
    const signed = type.startsWith('i');
    const bits = <u64>(8 * w);
    // Largest magnitude for each sign: 2^bits − 1 unsigned; 2^(bits−1) − 1 / 2^(bits−1) signed.
    const maxPositive: u64 = signed
      ? ((<u64>1) << (bits - 1)) - 1
      : bits == 64
        ? U64.MAX_VALUE
        : ((<u64>1) << bits) - 1;
    const maxNegative: u64 = signed ? (<u64>1) << (bits - 1) : 0;
    if (
      n.magnitude > (n.negative ? maxNegative : maxPositive) &&
      !(n.negative && n.magnitude == 0)
    ) {
      r.pos = at;
      return r.fail(`integer out of range for ${type}`);
    }
    storeLe(ptr, n.negative ? 0 - n.magnitude : n.magnitude, w);
    return true;
  }
  if (isOption(type)) {
    const inner = optionInner(type);
    if (r.accept('null')) {
      memory.fill(ptr, 0, sizeOf(type));
      return true;
    }
    memory.fill(ptr, 0, sizeOf(type));
    store<u8>(ptr, 1);
    return encodeAt(inner, r, ptr + payloadOffset(inner));
  }
  return r.fail(`type ${type} is not supported`);
}

/** JSON text → rkyv bytes of `type`, or null with `codecError` set. */
export function encodeJson(type: string, json: string): ArrayBuffer | null {
  const size = sizeOf(type);
  if (size < 0) {
    codecError = `Unsupported("type ${type}")`;
    return null;
  }
  const out = new ArrayBuffer(size);
  const r = new JsonReader(json);
  if (!encodeAt(type, r, changetype<usize>(out)) || !r.end()) {
    codecError = jsonError;
    return null;
  }
  return out;
}

function decodeAt(type: string, ptr: usize): string | null {
  if (type == '()') return 'null';
  if (type == 'bool') {
    const b = load<u8>(ptr);
    if (b > 1) {
      codecError = `Rkyv("invalid bool byte ${b.toString()}")`;
      return null;
    }
    return b == 1 ? 'true' : 'false';
  }
  if (type == 'ContractId') return decodeId(ptr);
  const w = intWidth(type);
  if (w > 0) {
    const raw = loadLe(ptr, w);
    let text: string;
    if (type.startsWith('i')) {
      const shift = <u64>(64 - 8 * w);
      text = ((<i64>(raw << shift)) >> shift).toString();
    } else text = raw.toString();
    return w == 8 ? `"${text}"` : text;
  }
  if (isOption(type)) {
    const tag = load<u8>(ptr);
    if (tag == 0) return 'null';
    if (tag != 1) {
      codecError = `Rkyv("invalid Option tag ${tag.toString()}")`;
      return null;
    }
    const inner = optionInner(type);
    return decodeAt(inner, ptr + payloadOffset(inner));
  }
  codecError = `Unsupported("type ${type}")`;
  return null;
}

/** rkyv bytes of `type` → JSON text, or null with `codecError` set. Exactly sizeOf(type) bytes. */
export function decodeRkyv(type: string, ptr: usize, len: u32): string | null {
  const size = sizeOf(type);
  if (size < 0) {
    codecError = `Unsupported("type ${type}")`;
    return null;
  }
  if (<i32>len != size) {
    codecError = `Rkyv("${type} is ${size.toString()} bytes, got ${len.toString()}")`;
    return null;
  }
  // Copied out so that the value is aligned whatever the host's buffer was.
  const copy = new ArrayBuffer(size);
  memory.copy(changetype<usize>(copy), ptr, size);
  return decodeAt(type, changetype<usize>(copy));
}
