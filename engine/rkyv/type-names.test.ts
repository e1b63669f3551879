import { describe, expect, it } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { formatType, parseType } from './type-names';
import { t, typeEquals } from './types';

describe('parseType / formatType', () => {
  it.each([
    '()',
    'bool',
    'u8',
    'u16',
    'u32',
    'u64',
    'i8',
    'i16',
    'i32',
    'i64',
    'f32',
    'f64',
    'String',
    'ContractId',
    'ContractError',
    'Vec<u8>',
    '[u8; 33]',
    'Option<i16>',
    'Option<Option<()>>',
    'Result<bool, ContractError>',
    'Result<Vec<u8>, ContractError>',
    '(ContractId, String, Vec<u8>)',
    '(u64,)',
    'Vec<(String, [i32; 0])>',
  ])('%s round-trips', (name) => {
    expect(formatType(parseType(name))).toBe(name);
  });

  it('builds the same descriptors as the builders', () => {
    expect(typeEquals(parseType('Option<[u8; 33]>'), t.option(t.array(t.u8, 33)))).toBe(true);
    expect(
      typeEquals(
        parseType('(ContractId, String, Vec<u8>)'),
        t.tuple(t.contractId, t.string, t.bytes),
      ),
    ).toBe(true);
    expect(
      typeEquals(parseType('Result<(), ContractError>'), t.result(t.unit, t.contractError)),
    ).toBe(true);
    expect(typeEquals(parseType('()'), t.tuple())).toBe(true);
    expect(typeEquals(parseType('Vec<u8>'), t.vec(t.i8))).toBe(false);
  });

  it('tolerates spacing and reads (T) as T but (T,) as a 1-tuple', () => {
    expect(formatType(parseType('  Result < Vec<u8>,ContractError >  '))).toBe(
      'Result<Vec<u8>, ContractError>',
    );
    expect(formatType(parseType('[u8;32]'))).toBe('[u8; 32]');
    expect(formatType(parseType('[u8; 1_024]'))).toBe('[u8; 1024]');
    expect(parseType('(u32)')).toBe(t.u32);
    expect(formatType(parseType('( u32 , )'))).toBe('(u32,)');
    expect(formatType(parseType('(u8, u16,)'))).toBe('(u8, u16)');
  });

  it.each([
    ['', 'expected a type but found the end at position 0'],
    ['Vec<u8', 'expected ">" but found the end at position 6'],
    ['Vec', 'Vec needs 1 type argument: expected "<" at position 3'],
    ['Result<u8>', 'Result takes 2 type arguments, got 1 at position 9'],
    ['Option<u8, u8>', 'Option takes 1 type argument, got 2 at position 13'],
    ['u128', 'unknown type "u128"'],
    ['string', 'unknown type "string"'],
    ['[u8; x]', 'expected the array length (a decimal number) at position 5'],
    ['[u8 33]', 'expected ";" but found "3" at position 4'],
    ['[u8; 99999999999]', 'array length 99999999999 exceeds u32 at position 5'],
    ['u8 u8', 'unexpected "u8" after the type at position 3'],
    ['(u8, >', 'expected a type but found ">" at position 5'],
  ])('rejects %j', (text, message) => {
    try {
      parseType(text);
      expect.unreachable();
    } catch (e) {
      expect(isPiecrustError(e, 'InvalidInput')).toBe(true);
      expect((e as Error).message).toContain(message);
      expect((e as Error).message).toContain(`invalid type "${text}"`);
    }
  });
});
