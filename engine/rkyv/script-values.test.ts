import { describe, expect, it } from 'vitest';
import { isPiecrustError, PiecrustError } from '../core/errors';
import { bytesToHex, toContractId, type ContractId } from '../core/ids';
import { decode } from './decode';
import { encodeScriptValue, parseScriptValue, scriptValueType } from './script-values';
import { formatType } from './type-names';

const counterId = toContractId('01'.repeat(32));

function resolve(nameOrHex: string): ContractId {
  if (nameOrHex === 'counter') return counterId;
  if (/^0x/.test(nameOrHex)) return toContractId(nameOrHex);
  throw new PiecrustError('InvalidInput', `no contract named "${nameOrHex}"`);
}

function hex(json: unknown): string {
  return bytesToHex(encodeScriptValue(json, resolve));
}

function typeName(json: unknown): string {
  const type = scriptValueType(json);
  return type === 'raw' ? 'raw' : formatType(type);
}

describe('script values', () => {
  it('"0x…" is raw bytes, not rkyv', () => {
    expect(hex('0x01')).toBe('01');
    expect(hex('0xDEADbeef')).toBe('deadbeef');
    expect(hex('0x')).toBe('');
    expect(scriptValueType('0x01')).toBe('raw');
    expect(parseScriptValue('0x0102', resolve)).toEqual({
      kind: 'raw',
      bytes: new Uint8Array([1, 2]),
    });
  });

  it.each<[unknown, string, string]>([
    [{ u8: 1 }, 'u8', '01'],
    [{ u16: 0x1234 }, 'u16', '3412'],
    [{ u32: 7 }, 'u32', '07000000'],
    [{ u64: '5' }, 'u64', '0500000000000000'],
    [{ u64: 29000 }, 'u64', '4871000000000000'],
    [{ u64: '18446744073709551615' }, 'u64', 'ffffffffffffffff'],
    [{ i8: -1 }, 'i8', 'ff'],
    [{ i16: -3 }, 'i16', 'fdff'],
    [{ i32: 42 }, 'i32', '2a000000'],
    [{ i64: '-1' }, 'i64', 'ffffffffffffffff'],
    [{ i64: -2 }, 'i64', 'feffffffffffffff'],
    [{ f32: 1.5 }, 'f32', '0000c03f'],
    [{ f64: 252 }, 'f64', '0000000000806f40'],
    [{ bool: true }, 'bool', '01'],
    [{ string: 'panik' }, 'String', '70616e696b000005'],
    [{ string: 'read_value' }, 'String', '726561645f76616c756500000a000000f4ffffff'],
    [{ bytes: '0x010203' }, 'Vec<u8>', '01020300fcffffff03000000'],
    [{ bytes: '0x' }, 'Vec<u8>', '0000000000000000'],
    [{ contractId: 'counter' }, 'ContractId', '01'.repeat(32)],
    [{ contractId: '0x' + 'ab'.repeat(32) }, 'ContractId', 'ab'.repeat(32)],
    [{ option: { i16: 17 } }, 'Option<i16>', '01001100'],
    [{ option: null }, 'Option<()>', '00'],
    [{ option: null, of: 'i16' }, 'Option<i16>', '00000000'],
    [{ of: 'u64', option: { u64: '29000' } }, 'Option<u64>', '01000000000000004871000000000000'],
    [{ option: { unit: null } }, 'Option<()>', '01'],
    [{ unit: null }, '()', ''],
    [{ tuple: [] }, '()', ''],
    [{ tuple: [{ i64: '252' }, { i64: '207' }] }, '(i64, i64)', 'fc00000000000000cf00000000000000'],
    [
      { tuple: [{ contractId: 'counter' }, { string: 'increment' }, { bytes: '0x' }] },
      '(ContractId, String, Vec<u8>)',
      '696e6372656d656e74000000' + '01'.repeat(32) + '09000000d4ffffffd5ffffff00000000',
    ],
    [{ tuple: [{ u8: 1 }] }, '(u8,)', '01'],
  ])('%j is %s', (json, type, bytes) => {
    expect(typeName(json)).toBe(type);
    expect(hex(json)).toBe(bytes);
  });

  it('typed values decode back to what was written', () => {
    const parsed = parseScriptValue(
      { tuple: [{ contractId: 'counter' }, { option: { u64: '7' } }] },
      resolve,
    );
    if (parsed.kind !== 'typed') throw new Error('expected typed');
    expect(parsed.value).toEqual([counterId, 7n]);
    expect(
      decode(
        parsed.type,
        encodeScriptValue(
          { tuple: [{ contractId: 'counter' }, { option: { u64: '7' } }] },
          resolve,
        ),
      ),
    ).toEqual([counterId, 7n]);
  });

  it('scriptValueType does not need contracts to exist', () => {
    expect(typeName({ contractId: 'not-deployed-yet' })).toBe('ContractId');
  });

  it.each<[unknown, string]>([
    [{ tuple: [{ u8: 1 }, { u8: 300 }] }, 'tuple[1].u8: out of range 300 (0..=255)'],
    [{ u8: -1 }, 'u8: out of range -1 (0..=255)'],
    [{ i8: 128 }, 'i8: out of range 128 (-128..=127)'],
    [{ u32: 1.5 }, 'u32: expected an integer, got 1.5'],
    [{ u32: '7' }, 'u32: expected an integer, got "7"'],
    [{ u64: '-1' }, 'u64: out of range -1 (0..=18446744073709551615)'],
    [
      { u64: '18446744073709551616' },
      'u64: out of range 18446744073709551616 (0..=18446744073709551615)',
    ],
    [{ u64: '5.0' }, 'u64: expected a decimal string or a safe integer, got "5.0"'],
    [
      { u64: 2 ** 60 },
      'u64: 1152921504606847000 is not a safe integer; write u64 values beyond 2^53 as decimal strings',
    ],
    [
      { i64: '9223372036854775808' },
      'i64: out of range 9223372036854775808 (-9223372036854775808..=9223372036854775807)',
    ],
    [{ f64: '1.5' }, 'f64: expected a number, got "1.5"'],
    [{ f32: 1e39 }, 'f32: out of range 1e+39 for f32'],
    [{ bool: 1 }, 'bool: expected true or false, got 1'],
    [{ string: 5 }, 'string: expected a string, got 5'],
    [{ tuple: [{ string: '\uD800' }] }, 'tuple[0].string: contains a lone UTF-16 surrogate'],
    [{ bytes: '0x123' }, 'bytes: expected a "0x…" hex byte string, got "0x123"'],
    [{ bytes: 12 }, 'bytes: expected a "0x…" hex byte string, got 12'],
    [{ contractId: 'nobody' }, 'contractId: no contract named "nobody"'],
    [{ contractId: '' }, 'contractId: expected a contract name or "0x…" id, got ""'],
    [{ option: { u8: 256 } }, 'option.u8: out of range 256 (0..=255)'],
    [{ option: { u8: 1 }, of: 'u16' }, 'option: value is u8 but "of" says u16'],
    [{ option: null, of: 'u17' }, 'of: invalid type "u17": unknown type "u17"'],
    [{ option: null, of: 3 }, 'of: expected a Rust type name like "u64", got 3'],
    [{ tuple: { u8: 1 } }, 'tuple: expected an array of values, got {"u8":1}'],
    [
      { tuple: ['0x01'] },
      'tuple[0]: raw "0x…" bytes can only be a whole value; use {"bytes": "0x01"} for a Vec<u8>',
    ],
    [
      { tuple: [{ tuple: [5] }] },
      'tuple[0].tuple[0]: expected a typed value like {"u32": 7}, got 5',
    ],
    [{ unit: 0 }, 'unit: expected null, got 0'],
    [{ u128: 1 }, 'value: unknown value type "u128" (expected one of u8, u16'],
    [{ u8: 1, u16: 2 }, 'value: a typed value has exactly one key, got "u8", "u16"'],
    [{ u8: 1, of: 'u8' }, 'value: a typed value has exactly one key, got "u8", "of"'],
    [{}, 'value: expected a typed value like {"u32": 7}, got {}'],
    [42, 'value: expected a typed value like {"u32": 7}, got 42'],
    [null, 'value: expected a typed value like {"u32": 7}, got null'],
    [[1], 'value: expected a typed value like {"u32": 7}, got [1]'],
    [
      'hello',
      'value: a string value must be "0x…" raw bytes; typed values are objects like {"u32": 7}, got "hello"',
    ],
    ['0xabc', 'value: expected a "0x…" hex byte string, got "0xabc"'],
  ])('rejects %j', (json, message) => {
    for (const run of [() => encodeScriptValue(json, resolve), () => scriptValueType(json)]) {
      try {
        run();
        // scriptValueType accepts any contract name; only resolution failures may pass there.
        expect(message).toMatch(/^contractId: no contract/);
      } catch (e) {
        expect(isPiecrustError(e, 'InvalidInput')).toBe(true);
        expect((e as Error).message).toContain(message);
      }
    }
  });

  it('reports the path in the error details', () => {
    try {
      encodeScriptValue({ option: { tuple: [{ bool: true }, { i16: 40000 }] } }, resolve);
      expect.unreachable();
    } catch (e) {
      expect((e as PiecrustError).message).toBe(
        'option.tuple[1].i16: out of range 40000 (-32768..=32767)',
      );
      expect((e as PiecrustError).details).toEqual({ path: 'option.tuple[1].i16' });
    }
  });
});
