import { describe, expect, it } from 'vitest';
import { PiecrustError } from '../core/errors';
import { hexToBytes } from '../core/ids';
import { decode, validates } from './decode';
import { encode } from './encode';
import { t, type RkyvType } from './types';

function validationError(type: RkyvType, bytes: Uint8Array): PiecrustError {
  try {
    decode(type, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(PiecrustError);
    const err = e as PiecrustError;
    expect(err.code).toBe('ValidationError');
    // piecrust's Display of Error::ValidationError.
    expect(err.message).toBe('ValidationError');
    return err;
  }
  throw new Error('expected a ValidationError');
}

describe('decode reads the root from the end', () => {
  it('COMMIT-10: an archived Some(29000_u64) read as u64 yields 29000', () => {
    const bytes = encode(t.option(t.u64), 29000n);
    expect(bytes.length).toBe(16);
    expect(decode(t.u64, bytes)).toBe(29000n);
  });

  it('() accepts any length, including the empty buffer', () => {
    expect(decode(t.unit, new Uint8Array(0))).toBeNull();
    expect(decode(t.unit, hexToBytes('deadbeef01'))).toBeNull();
  });

  it('decodes from a subarray that does not start at offset 0 of its ArrayBuffer', () => {
    const backing = new Uint8Array(32);
    backing.set(encode(t.string, 'read_value'), 8);
    expect(decode(t.string, backing.subarray(8, 28))).toBe('read_value');
  });
});

describe('validation failures (check_archived_root)', () => {
  it('badreturn garbage_value bytes fail as bool (last byte 0x99)', () => {
    const err = validationError(t.bool, hexToBytes('deadbeefcafebad0ffffffff99999999'));
    expect(err.details).toMatchObject({ check: 'InvalidBool', offset: 15, byte: 0x99 });
  });

  it('bool 0x02', () => {
    const err = validationError(t.bool, hexToBytes('02'));
    expect(err.details).toMatchObject({
      check: 'InvalidBool',
      offset: 0,
      reason: 'invalid bool 0x02 at 0',
    });
  });

  it('Option tag 2, Result tag 2, ContractError tag 4', () => {
    expect(validationError(t.option(t.i16), hexToBytes('02001100')).details).toMatchObject({
      check: 'InvalidTag',
      tag: 2,
      type: 'Option<i16>',
    });
    const result = t.result(t.unit, t.contractError);
    expect(validationError(result, hexToBytes('02' + '00'.repeat(15))).details).toMatchObject({
      check: 'InvalidTag',
      offset: 0,
    });
    expect(
      validationError(result, hexToBytes('01000000' + '04' + '00'.repeat(11))).details,
    ).toMatchObject({
      check: 'InvalidTag',
      offset: 4,
      type: 'ContractError',
    });
  });

  it('a bool inside Result<bool, ContractError> is checked at offset 1', () => {
    const err = validationError(
      t.result(t.bool, t.contractError),
      hexToBytes('0002' + '00'.repeat(14)),
    );
    expect(err.details).toMatchObject({ check: 'InvalidBool', offset: 1 });
  });

  it('truncated buffers', () => {
    expect(validationError(t.u64, hexToBytes('48710000000000')).details).toMatchObject({
      check: 'Overrun',
      reason: 'buffer of 7 bytes is too short for a 8-byte u64',
    });
    expect(validationError(t.u8, new Uint8Array(0)).details).toMatchObject({ check: 'Overrun' });
    // "read_value" without its first 4 string bytes: the pointer now lands before the buffer.
    const cut = encode(t.string, 'read_value').subarray(4);
    expect(validationError(t.string, cut).details).toMatchObject({
      check: 'OutOfBounds',
      target: -4,
    });
  });

  it('root at an unaligned position', () => {
    expect(validationError(t.u64, new Uint8Array(9)).details).toMatchObject({
      check: 'Unaligned',
      offset: 1,
      align: 8,
    });
  });

  it('pointer past the end of the buffer', () => {
    // Vec<u8> whose offset +16 points beyond the 8-byte buffer.
    const err = validationError(t.bytes, hexToBytes('1000000001000000'));
    expect(err.details).toMatchObject({ check: 'OutOfBounds', offset: 0, target: 16 });
  });

  it('elements running past the end of the buffer', () => {
    // Offset +4 stays inside, but 100 elements do not fit.
    const err = validationError(t.bytes, hexToBytes('0400000064000000'));
    expect(err.details).toMatchObject({ check: 'Overrun', target: 4, size: 100 });
  });

  it('pointer that targets its holder or bytes after it', () => {
    // 8 bytes of data, root Vec<u8> at 8 pointing at 12 (inside itself), length 1.
    const bytes = hexToBytes('0000000000000000' + '04000000' + '01000000');
    const err = validationError(t.bytes, bytes);
    expect(err.details).toMatchObject({
      check: 'SubtreePointerOutOfBounds',
      offset: 8,
      target: 12,
    });
    expect(String(err.details.reason)).toContain('not before its holder');
  });

  it('an empty Vec may point exactly at its holder (Vec::new() alone is 8 zero bytes)', () => {
    expect(decode(t.bytes, new Uint8Array(8))).toEqual(new Uint8Array(0));
  });

  it('out-of-line bytes that run into the holder', () => {
    const bytes = encode(t.string, 'read_value'); // 10 bytes, 2 padding, repr at 12
    bytes[12] = 14;
    expect(validationError(t.string, bytes).details).toMatchObject({
      check: 'SubtreePointerOverrun',
      target: 0,
      size: 14,
    });
  });

  it('unaligned Vec<u32> elements', () => {
    // Root Vec<u32> at 4 pointing at 1.
    const bytes = hexToBytes('00000000' + 'fdffffff' + '01000000');
    expect(validationError(t.vec(t.u32), bytes).details).toMatchObject({
      check: 'Unaligned',
      target: 1,
      align: 4,
    });
  });

  it('sibling regions must not overlap and must appear in field order', () => {
    const type = t.tuple(t.string, t.string);
    const good = encode(type, ['first string', 'second string']);
    expect(decode(type, good)).toEqual(['first string', 'second string']);
    const view = new DataView(good.buffer);
    const root = good.length - 16;
    // Point the second string at the first one's bytes.
    const overlapping = good.slice();
    new DataView(overlapping.buffer).setInt32(root + 12, 0 - (root + 8), true);
    new DataView(overlapping.buffer).setUint32(root + 8, 12, true);
    const err = validationError(type, overlapping);
    expect(err.details).toMatchObject({
      check: 'SubtreePointerOutOfBounds',
      offset: root + 8,
      target: 0,
    });
    expect(String(err.details.reason)).toContain('earlier sibling');
    // Swapping the two pointers (regions out of field order) fails too.
    const swapped = good.slice();
    const sv = new DataView(swapped.buffer);
    sv.setUint32(root, view.getUint32(root + 8, true), true);
    sv.setInt32(root + 4, view.getInt32(root + 12, true) + 8, true);
    sv.setUint32(root + 8, view.getUint32(root, true), true);
    sv.setInt32(root + 12, view.getInt32(root + 4, true) - 8, true);
    expect(validationError(type, swapped).details).toMatchObject({
      check: 'SubtreePointerOutOfBounds',
    });
  });

  it('invalid UTF-8, inline and out of line', () => {
    expect(validationError(t.string, hexToBytes('ff00000000000001')).details).toMatchObject({
      check: 'Utf8Error',
      offset: 0,
    });
    const long = encode(t.string, 'read_value');
    long[0] = 0xc3; // a lead byte followed by 'e' is not UTF-8
    expect(validationError(t.string, long).details).toMatchObject({
      check: 'Utf8Error',
      offset: 0,
      stringLength: 10,
    });
    // UTF-8-encoded surrogates are rejected, as by Rust's str::from_utf8.
    expect(validationError(t.string, hexToBytes('eda08000000003')).details).toMatchObject({
      check: 'Overrun',
    });
    expect(validationError(t.string, hexToBytes('eda0800000000003')).details).toMatchObject({
      check: 'Utf8Error',
    });
  });

  it('inline string length 8', () => {
    const err = validationError(t.string, hexToBytes('6161616161616108'));
    expect(err.details).toMatchObject({ check: 'InvalidInlineLength', inlineLength: 8, offset: 0 });
  });

  it('validates() reports instead of throwing', () => {
    expect(validates(t.bool, hexToBytes('01'))).toBe(true);
    expect(validates(t.bool, hexToBytes('02'))).toBe(false);
  });
});
