// sdk_probe (test-only, not a piecrust contract): exposes SDK internals through the normal ABI so that
// contracts.test.ts can check them byte for byte — the rkyv encoder against spec §7.4, the validator,
// BLAKE3 against known vectors, and Rust's Debug escaping.
import {
  A,
  checkError,
  checkRoot,
  checkUtf8,
  ContractError,
  debugStr,
  DOES_NOT_EXIST,
  OUT_OF_GAS,
  PANIC,
  Slice,
  toArgBuf,
  UNKNOWN,
  Value,
  vBool,
  vBytes,
  vErr,
  vF64,
  vOk,
  vI16,
  vI32,
  vI64,
  vNone,
  vSome,
  vStr,
  vTuple,
  vU32,
  vU64,
  vU8,
  vUnit,
  vVec,
  vVecU8,
  writeUtf8,
} from '../sdk';
import { blake3 as hash } from '../sdk/blake3';
export { A } from '../sdk';

const ID1: usize = memory.data(32, 1);
const FOURS: usize = memory.data(33, 1);
const TRIPLE: usize = memory.data<u8>([1, 2, 3]);
const FC: usize = memory.data<i64>([0xfc]);

function fill(): void {
  memory.fill(ID1, 1, 32);
  memory.fill(FOURS, 4, 33);
}

function ceErr(kind: u8, msg: string, ok: string): Value {
  return vErr(new ContractError(kind, msg).value(), ok);
}

/** The values of spec §7.4, in table order. */
function example(i: u32): Value {
  fill();
  const id1 = vBytes(ID1, 32);
  switch (i) {
    case 0:
      return vUnit();
    case 1:
      return vI64(0xfc);
    case 2:
      return vU64(29000);
    case 3:
      return vU32(5);
    case 4:
      return vI32(42);
    case 5:
      return vI16(0x11);
    case 6:
      return vU8(0xab);
    case 7:
      return vBool(true);
    case 8:
      return vF64(252.0);
    case 9:
      return vNone('2');
    case 10:
      return vSome(vI16(0x11));
    case 11:
      return vSome(vU64(29000));
    case 12:
      return vSome(vI32(42));
    case 13:
      return vSome(vBytes(FOURS, 33));
    case 14:
      return id1;
    case 15:
      return vNone('I');
    case 16:
      return vStr('panik');
    case 17:
      return vStr('read_value');
    case 18:
      return vVecU8(0, 0);
    case 19:
      return vVecU8(TRIPLE, 3);
    case 20:
      return vVec([vBytes(ID1, 32), vBytes(ID1, 32)], 'I');
    case 21:
      return vTuple([vI64(0xfc), vI64(0xcf)]);
    case 22:
      return vTuple([vStr('read_value'), vVecU8(0, 0)]);
    case 23:
      return vTuple([id1, vStr('increment'), vVecU8(0, 0)]);
    case 24:
      return vTuple([id1, vU64(5345)]);
    case 25:
      return vTuple([id1, vStr('valid_bool')]);
    case 26:
      return vTuple([id1, vI32(42), vI32(314), vI32(272)]);
    case 27:
      return vOk(vUnit());
    case 28:
      return ceErr(OUT_OF_GAS, '', 'u');
    case 29:
      return ceErr(DOES_NOT_EXIST, '', 'u');
    case 30:
      return ceErr(UNKNOWN, '', 'u');
    case 31:
      return ceErr(PANIC, 'I like spending', 'u');
    case 32:
      return vOk(vBool(true));
    default:
      return vOk(vVecU8(FC, 8));
  }
}

/** The archived type of each example, as a descriptor (rkyv/check.ts). */
function shape(i: u32): string {
  switch (i) {
    case 0:
      return 'u';
    case 1:
    case 2:
    case 8:
      return '8';
    case 3:
    case 4:
      return '4';
    case 5:
      return '2';
    case 6:
      return '1';
    case 7:
      return 'b';
    case 9:
    case 10:
      return '?2';
    case 11:
      return '?8';
    case 12:
      return '?4';
    case 13:
      return '?[33]';
    case 14:
      return 'I';
    case 15:
      return '?I';
    case 16:
    case 17:
      return 's';
    case 18:
    case 19:
      return 'v1';
    case 20:
      return 'vI';
    case 21:
      return '(88)';
    case 22:
      return '(sv1)';
    case 23:
      return '(Isv1)';
    case 24:
      return '(I8)';
    case 25:
      return '(Is)';
    case 26:
      return '(I444)';
    case 32:
      return '!b';
    case 33:
      return '!v1';
    default:
      return '!u';
  }
}

/** Argument: u32 LE example index. Result: its rkyv archive. */
export function encode(arg_len: u32): u32 {
  return toArgBuf(example(load<u32>(A)));
}

/**
 * Argument: u32 LE example index ‖ archive bytes. The bytes are validated at an 8-aligned address.
 * Result: i32 LE root position (-1 if invalid) ‖ the error text.
 */
export function validate(arg_len: u32): u32 {
  const len = arg_len - 4;
  const buf = heap.alloc(len + 8);
  memory.copy(buf, A + 4, len);
  const root = <i32>checkRoot(shape(load<u32>(A)), buf, len);
  store<i32>(A, root);
  return 4 + (root < 0 ? writeUtf8(checkError(), A + 4) : 0);
}

/** Result: blake3 of the argument bytes. */
export function blake3(arg_len: u32): u32 {
  hash(A, arg_len, A);
  return 32;
}

/** Argument: UTF-8 text. Result: Rust's `{:?}` of it. */
export function debug_str(arg_len: u32): u32 {
  const text = new Slice(A, arg_len).toStr();
  return writeUtf8(debugStr(text), A);
}

/** Argument: bytes. Result: Rust's `Utf8Error` Display text, empty when valid. */
export function utf8_check(arg_len: u32): u32 {
  const err = checkUtf8(A, arg_len);
  return err === null ? 0 : writeUtf8(err, A);
}
