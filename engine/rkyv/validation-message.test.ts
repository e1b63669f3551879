import { expect, test } from 'vitest';
import { PiecrustError } from '../core/errors';
import { hexToBytes } from '../core/ids';
import { parseType } from './type-names';
import { decodeExplained } from './validation-message';

function failure(type: string, hex: string): PiecrustError {
  try {
    decodeExplained(parseType(type), hexToBytes(hex));
  } catch (e) {
    if (e instanceof PiecrustError) return e;
    throw e;
  }
  throw new Error(`expected ${hex} not to decode as ${type}`);
}

test('too few bytes for the type: the type, its size and the byte count', () => {
  const e = failure('u64', '0x01020304');
  expect(e.code).toBe('ValidationError');
  expect(e.message).toBe('cannot decode 4 bytes as u64: a u64 is 8 bytes');
  expect(e.details).toMatchObject({ requested: 'u64', requestedSize: 8, bytes: 4 });
  expect(failure('(u64, bool)', '0x01').message).toBe(
    'cannot decode 1 byte as (u64, bool): a (u64, bool) is 16 bytes',
  );
});

test('another failed check says which, where, and why', () => {
  const e = failure('bool', '0x02');
  expect(e.message).toBe(
    'cannot decode 1 byte as bool: invalid bool 0x02 at 0 (rkyv check InvalidBool)',
  );
});

test('bytes that decode are returned as decode returns them', () => {
  expect(decodeExplained(parseType('u32'), hexToBytes('0x07000000'))).toBe(7);
});
