// Archived types as compact descriptors, and validation like rkyv 0.7's `check_archived_root` with
// `DefaultValidator`: bounds, alignment, enum tags, bool values, UTF-8, inline string lengths, and the
// "subtree range" rule that makes every relative pointer target bytes before its holder, in field
// order, without overlap.
//
// A descriptor is a string literal (static data: describing a type allocates nothing, which matters
// because every allocation costs gas):
//   u  ()                        b  bool                    1 2 4 8  integers/floats of that size
//   I  ContractId ([u8; 32])     [N]  [u8; N], e.g. [33]    s  String
//   vT Vec<T>                    ?T Option<T>               !T Result<T, ContractError>
//   E  ContractError             (T…) tuple, e.g. (Isv1) = (ContractId, String, Vec<u8>)
//
// Error texts follow rkyv/bytecheck's Display output in structure; the `{:p}` addresses are this
// contract's, so they differ from a Rust contract's.
import { pointer } from '../fmt';
import { checkUtf8 } from '../utf8';
import { alignUp } from './layout';

const C_UNIT: i32 = 0x75; // u
const C_BOOL: i32 = 0x62; // b
const C_ID: i32 = 0x49; // I
const C_ARRAY: i32 = 0x5b; // [
const C_STR: i32 = 0x73; // s
const C_VEC: i32 = 0x76; // v
const C_OPTION: i32 = 0x3f; // ?
const C_RESULT: i32 = 0x21; // !
const C_ERROR: i32 = 0x45; // E
const C_TUPLE: i32 = 0x28; // (
const C_TUPLE_END: i32 = 0x29; // )

/** ContractError: tag, then the Panic message's ArchivedString at 4. */
const ERROR_SIZE: u32 = 12;

// Results of `layoutAt` (module globals: no allocation; callers copy them before recursing).
let tSize: u32 = 0;
let tAlign: u32 = 1;
let tEnd: i32 = 0;

/** Size, alignment and end index of the type described at `desc[i]`. */
export function layoutAt(desc: string, i: i32): void {
  const c = <i32>desc.charCodeAt(i);
  if (c >= 0x31 && c <= 0x38) {
    tSize = <u32>(c - 0x30);
    tAlign = tSize;
    tEnd = i + 1;
  } else if (c == C_UNIT || c == C_BOOL) {
    tSize = c == C_UNIT ? 0 : 1;
    tAlign = 1;
    tEnd = i + 1;
  } else if (c == C_ID) {
    tSize = 32;
    tAlign = 1;
    tEnd = i + 1;
  } else if (c == C_ARRAY) {
    let n: u32 = 0;
    let j = i + 1;
    for (let d = <i32>desc.charCodeAt(j); d != 0x5d; d = <i32>desc.charCodeAt(++j))
      n = n * 10 + <u32>(d - 0x30);
    tSize = n;
    tAlign = 1;
    tEnd = j + 1;
  } else if (c == C_STR || c == C_VEC) {
    if (c == C_VEC) layoutAt(desc, i + 1);
    else tEnd = i + 1;
    tSize = 8;
    tAlign = 4;
  } else if (c == C_ERROR) {
    tSize = ERROR_SIZE;
    tAlign = 4;
    tEnd = i + 1;
  } else if (c == C_OPTION) {
    layoutAt(desc, i + 1);
    tSize = optionSize(tSize, tAlign);
  } else if (c == C_RESULT) {
    layoutAt(desc, i + 1);
    const align = max<u32>(tAlign, 4);
    tSize = resultSize(tSize, tAlign);
    tAlign = align;
  } else if (c == C_TUPLE) {
    let end: u32 = 0;
    let align: u32 = 1;
    let j = i + 1;
    while (<i32>desc.charCodeAt(j) != C_TUPLE_END) {
      layoutAt(desc, j);
      end = alignUp(end, tAlign) + tSize;
      if (tAlign > align) align = tAlign;
      j = tEnd;
    }
    tSize = alignUp(end, align);
    tAlign = align;
    tEnd = j + 1;
  } else {
    unreachable(); // a malformed descriptor is a bug in the contract
  }
}

/** `ArchivedOption<T>`: tag, then T at its alignment. */
export function optionSize(size: u32, align: u32): u32 {
  return alignUp(align + size, align);
}

/** `ArchivedResult<T, ContractError>`: the larger of Ok (T after the tag) and Err (error at 4). */
export function resultSize(size: u32, align: u32): u32 {
  return alignUp(max<u32>(align + size, 4 + ERROR_SIZE), max<u32>(align, 4));
}

export function sizeOf(desc: string): u32 {
  layoutAt(desc, 0);
  return tSize;
}

export function alignOf(desc: string): u32 {
  layoutAt(desc, 0);
  return tAlign;
}

// Validator state: the buffer and the current subtree range [start, end), relative to `base`.
let vBase: usize = 0;
let vLen: u32 = 0;
let vStart: u32 = 0;
let vEnd: u32 = 0;
let vErr: string | null = null;

/** The reason the last validation failed. */
export function checkError(): string {
  return vErr as string;
}

function fail(msg: string): bool {
  vErr = msg;
  return false;
}

/** Prefixes the pending error with the context of the enclosing object. */
function wrap(prefix: string): bool {
  vErr = prefix + (vErr as string);
  return false;
}

function addr(pos: i64): string {
  return pointer(<usize>(<i64>vBase + pos));
}

function range(start: u32, end: u32): string {
  return addr(start) + '..' + addr(end);
}

/** rkyv's `bounds_check_subtree_ptr` and layout checks for an object `holder` points to. */
function claim(holder: u32, target: i64, size: u32, align: u32): bool {
  if (target < 0 || target > <i64>vLen) {
    return fail(
      'pointer out of bounds: base ' +
        addr(holder) +
        ' offset ' +
        (target - <i64>holder).toString() +
        ' not in range ' +
        range(0, vLen),
    );
  }
  const at = <u32>target;
  if ((<u32>vBase + at) & (align - 1))
    return fail(
      'unaligned pointer: ptr ' + addr(at) + ' unaligned for alignment ' + align.toString(),
    );
  if (vLen - at < size)
    return fail(
      'pointer overran buffer: ptr ' +
        addr(at) +
        ' size ' +
        size.toString() +
        ' in range ' +
        range(0, vLen),
    );
  const inRange = size == 0 ? at >= vStart && at <= vEnd : at >= vStart && at < vEnd;
  if (!inRange)
    return fail(
      'subtree pointer out of bounds: ptr ' + addr(at) + ' not in range ' + range(vStart, vEnd),
    );
  if (vEnd - at < size) {
    return fail(
      'subtree pointer overran range: ptr ' +
        addr(at) +
        ' size ' +
        size.toString() +
        ' in range ' +
        range(vStart, vEnd),
    );
  }
  return true;
}

function checkStr(pos: u32): bool {
  const tail = load<u8>(vBase + pos + 7);
  if ((tail & 0x80) == 0) {
    if (tail > 7)
      return fail(
        'pointer check bytes error: length too long for inline: ' +
          tail.toString() +
          ' is longer than the inline capacity of 7',
      );
    const bad = checkUtf8(vBase + pos, tail);
    return bad === null ? true : fail('value check bytes error: ' + bad);
  }
  const len = load<u32>(vBase + pos);
  const target = <i64>pos + <i64>load<i32>(vBase + pos + 4);
  if (!claim(pos, target, len, 1)) return wrap('context error: ');
  const bad = checkUtf8(vBase + <usize>target, len);
  if (bad !== null) return fail('value check bytes error: ' + bad);
  vStart = <u32>target + len;
  return true;
}

function checkVec(desc: string, elem: i32, pos: u32): bool {
  layoutAt(desc, elem);
  const size = tSize;
  const align = tAlign;
  const target = <i64>pos + <i64>load<i32>(vBase + pos);
  const count = load<u32>(vBase + pos + 4);
  const total = <u64>count * <u64>size;
  if (total > <u64>vLen)
    return fail('context error: pointer overran buffer: ' + count.toString() + ' elements');
  if (!claim(pos, target, <u32>total, align)) return wrap('context error: ');
  const at = <u32>target;
  const savedEnd = vEnd;
  vEnd = at;
  // Numbers, ids and byte arrays accept any bytes: no need to visit each element.
  const first = <i32>desc.charCodeAt(elem);
  const plain = (first >= 0x31 && first <= 0x38) || first == C_ID || first == C_ARRAY;
  for (let k: u32 = 0; !plain && k < count; k++) {
    if (!checkAt(desc, elem, at + k * size))
      return wrap('value check bytes error: check failed for slice index ' + k.toString() + ': ');
  }
  vStart = at + <u32>total;
  vEnd = savedEnd;
  return true;
}

/** A derived `#[repr(u8)]` enum whose variant `tag` holds one field (or none) at `fieldAt`. */
function checkVariant(desc: string, field: i32, pos: u32, fieldAt: u32, variant: string): bool {
  if (checkAt(desc, field, pos + fieldAt)) return true;
  return wrap(
    'check failed for enum tuple variant ' + variant + ': check failed for tuple struct member 0: ',
  );
}

function invalidTag(tag: u8): bool {
  return fail('invalid tag for enum: ' + tag.toString());
}

/** Validates the value described at `desc[i]` stored at `pos`; sets `tEnd`. */
function checkAt(desc: string, i: i32, pos: u32): bool {
  const c = <i32>desc.charCodeAt(i);
  if (c == C_BOOL) {
    tEnd = i + 1;
    const b = load<u8>(vBase + pos);
    return b <= 1 ? true : fail('check failed for bool: expected 0 or 1, found ' + b.toString());
  }
  if (c == C_STR) {
    tEnd = i + 1;
    return checkStr(pos);
  }
  if (c == C_VEC) {
    const ok = checkVec(desc, i + 1, pos);
    layoutAt(desc, i + 1);
    return ok;
  }
  if (c == C_OPTION || c == C_RESULT) {
    layoutAt(desc, i + 1);
    const fieldAt = tAlign;
    const tag = load<u8>(vBase + pos);
    if (c == C_OPTION) {
      if (tag > 1) return invalidTag(tag);
      return tag == 0 || checkVariant(desc, i + 1, pos, fieldAt, 'Some');
    }
    if (tag > 1) return invalidTag(tag);
    if (tag == 0) return checkVariant(desc, i + 1, pos, fieldAt, 'Ok');
    const end = tEnd;
    if (!checkContractError(pos + 4))
      return wrap(
        'check failed for enum tuple variant Err: check failed for tuple struct member 0: ',
      );
    tEnd = end;
    return true;
  }
  if (c == C_ERROR) {
    tEnd = i + 1;
    return checkContractError(pos);
  }
  if (c == C_TUPLE) {
    let end: u32 = 0;
    let j = i + 1;
    let index = 0;
    while (<i32>desc.charCodeAt(j) != C_TUPLE_END) {
      layoutAt(desc, j);
      const at = alignUp(end, tAlign);
      end = at + tSize;
      if (!checkAt(desc, j, pos + at))
        return wrap('check failed for tuple struct member ' + index.toString() + ': ');
      j = tEnd;
      index++;
    }
    tEnd = j + 1;
    return true;
  }
  // Integers, floats, ids and byte arrays: every bit pattern is valid.
  layoutAt(desc, i);
  return true;
}

/** HEAD's `ContractError`: Panic(String)=0, OutOfGas=1, DoesNotExist=2, Unknown=3. */
function checkContractError(pos: u32): bool {
  const tag = load<u8>(vBase + pos);
  if (tag > 3) return invalidTag(tag);
  if (tag != 0 || checkStr(pos + 4)) return true;
  return wrap(
    'check failed for enum tuple variant Panic: check failed for tuple struct member 0: ',
  );
}

/**
 * `check_archived_root`: validates `len` bytes at `base` as `desc`. Returns the root position, or -1
 * with the reason in `checkError()`.
 */
export function checkRoot(desc: string, base: usize, len: u32): i64 {
  layoutAt(desc, 0);
  const size = tSize;
  const pos: u32 = len > size ? len - size : 0;
  vBase = base;
  vLen = len;
  vStart = 0;
  vEnd = len;
  vErr = null;
  if (!claim(pos, pos, size, tAlign)) {
    wrap('context error: ');
    return -1;
  }
  vEnd = pos;
  if (!checkAt(desc, 0, pos)) {
    wrap('check bytes error: ');
    return -1;
  }
  return pos;
}
