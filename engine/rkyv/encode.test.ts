import { describe, expect, it } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes, toContractId } from '../core/ids';
import { decode } from './decode';
import { encode } from './encode';
import { t, type RkyvType, type RkyvValue } from './types';

const id1 = toContractId(new Uint8Array(32).fill(1));
const ID1_HEX = '01'.repeat(32);

interface Example {
  name: string;
  type: RkyvType;
  value: RkyvValue;
  hex: string;
}

// Spec §7.4, row by row.
const EXAMPLES: Example[] = [
  { name: '()', type: t.unit, value: null, hex: '' },
  { name: '0xfc_i64', type: t.i64, value: 0xfcn, hex: 'fc00000000000000' },
  { name: '29000_u64', type: t.u64, value: 29000n, hex: '4871000000000000' },
  { name: '5_u32', type: t.u32, value: 5, hex: '05000000' },
  { name: '42_i32', type: t.i32, value: 42, hex: '2a000000' },
  { name: '0x11_i16', type: t.i16, value: 0x11, hex: '1100' },
  { name: '0xab_u8', type: t.u8, value: 0xab, hex: 'ab' },
  { name: 'true', type: t.bool, value: true, hex: '01' },
  { name: '252.0_f64', type: t.f64, value: 252, hex: '0000000000806f40' },
  { name: 'None::<i16>', type: t.option(t.i16), value: null, hex: '00000000' },
  { name: 'Some(0x11_i16)', type: t.option(t.i16), value: 0x11, hex: '01001100' },
  {
    name: 'Some(29000_u64)',
    type: t.option(t.u64),
    value: 29000n,
    hex: '01000000000000004871000000000000',
  },
  { name: 'Some(42_i32)', type: t.option(t.i32), value: 42, hex: '010000002a000000' },
  {
    name: 'Some([4u8;33])',
    type: t.option(t.array(t.u8, 33)),
    value: new Uint8Array(33).fill(4),
    hex: '01' + '04'.repeat(33),
  },
  { name: 'ContractId([1;32])', type: t.contractId, value: id1, hex: ID1_HEX },
  { name: 'None::<ContractId>', type: t.option(t.contractId), value: null, hex: '00'.repeat(33) },
  { name: '"panik"', type: t.string, value: 'panik', hex: '70616e696b000005' },
  {
    name: '"read_value"',
    type: t.string,
    value: 'read_value',
    hex: '726561645f76616c756500000a000000f4ffffff',
  },
  { name: 'Vec::<u8>::new()', type: t.bytes, value: new Uint8Array(0), hex: '0000000000000000' },
  {
    name: 'vec![1u8,2,3]',
    type: t.bytes,
    value: new Uint8Array([1, 2, 3]),
    hex: '01020300fcffffff03000000',
  },
  {
    name: 'vec![id1, id1]',
    type: t.vec(t.contractId),
    value: [id1, id1],
    hex: ID1_HEX.repeat(2) + 'c0ffffff02000000',
  },
  {
    name: '(0xfc_i64, 0xcf_i64)',
    type: t.tuple(t.i64, t.i64),
    value: [0xfcn, 0xcfn],
    hex: 'fc00000000000000cf00000000000000',
  },
  {
    name: '("read_value", Vec::<u8>::new())',
    type: t.tuple(t.string, t.bytes),
    value: ['read_value', new Uint8Array(0)],
    hex: '726561645f76616c756500000a000000f4fffffff6ffffff00000000',
  },
  {
    name: '(id1, "increment", Vec::<u8>::new())',
    type: t.tuple(t.contractId, t.string, t.bytes),
    value: [id1, 'increment', new Uint8Array(0)],
    hex: '696e6372656d656e74000000' + ID1_HEX + '09000000d4ffffffd5ffffff00000000',
  },
  {
    name: '(id1, 5345_u64)',
    type: t.tuple(t.contractId, t.u64),
    value: [id1, 5345n],
    hex: ID1_HEX + 'e114000000000000',
  },
  {
    name: '(id1, "valid_bool")',
    type: t.tuple(t.contractId, t.string),
    value: [id1, 'valid_bool'],
    hex: '76616c69645f626f6f6c0000' + ID1_HEX + '0a000000d4ffffff',
  },
  {
    name: '(id1, 42_i32, 314_i32, 272_i32)',
    type: t.tuple(t.contractId, t.i32, t.i32, t.i32),
    value: [id1, 42, 314, 272],
    hex: ID1_HEX + '2a0000003a01000010010000',
  },
  {
    name: 'Ok::<(), ContractError>(())',
    type: t.result(t.unit, t.contractError),
    value: { ok: null },
    hex: '00'.repeat(16),
  },
  {
    name: 'Err(OutOfGas)',
    type: t.result(t.unit, t.contractError),
    value: { err: 'OutOfGas' },
    hex: '01000000010000000000000000000000',
  },
  {
    name: 'Err(DoesNotExist)',
    type: t.result(t.unit, t.contractError),
    value: { err: 'DoesNotExist' },
    hex: '01000000020000000000000000000000',
  },
  {
    name: 'Err(Unknown)',
    type: t.result(t.unit, t.contractError),
    value: { err: 'Unknown' },
    hex: '01000000030000000000000000000000',
  },
  {
    name: 'Err(Panic("I like spending"))',
    type: t.result(t.unit, t.contractError),
    value: { err: { panic: 'I like spending' } },
    hex: '49206c696b65207370656e64696e6700' + '01000000' + '00000000' + '0f000000e8ffffff',
  },
  {
    name: 'Ok::<bool, ContractError>(true)',
    type: t.result(t.bool, t.contractError),
    value: { ok: true },
    hex: '00010000000000000000000000000000',
  },
  {
    name: 'Ok::<Vec<u8>, ContractError>(0xfc_i64 bytes)',
    type: t.result(t.bytes, t.contractError),
    value: { ok: hexToBytes('fc00000000000000') },
    hex: 'fc00000000000000' + '00000000f4ffffff0800000000000000',
  },
];

describe('spec §7.4 worked examples', () => {
  it.each(EXAMPLES)('$name encodes byte for byte and decodes back', ({ type, value, hex }) => {
    const bytes = encode(type, value);
    expect(bytesToHex(bytes)).toBe(hex);
    expect(decode(type, bytes)).toEqual(value);
  });
});

function roundTrip(type: RkyvType, value: RkyvValue): Uint8Array {
  const bytes = encode(type, value);
  expect(decode(type, bytes)).toEqual(value);
  return bytes;
}

describe('round trips of nested types', () => {
  const id2 = toContractId('ab'.repeat(32));

  it('Result<Vec<u8>, ContractError> with long panic messages and payloads', () => {
    const type = t.result(t.bytes, t.contractError);
    roundTrip(type, { ok: new Uint8Array(100).map((_, i) => i) });
    roundTrip(type, { err: { panic: 'a panic message longer than seven bytes' } });
    roundTrip(type, { err: { panic: 'short' } });
    roundTrip(type, { err: 'DoesNotExist' });
  });

  it('(ContractId, String, Vec<u8>)', () => {
    const type = t.tuple(t.contractId, t.string, t.bytes);
    roundTrip(type, [id2, 'increment_and_read', new Uint8Array([9, 8, 7])]);
    roundTrip(type, [id2, '', new Uint8Array(0)]);
  });

  it('Vec<ContractId>, Option<[u8; 33]>, Option<u64>', () => {
    roundTrip(t.vec(t.contractId), [id1, id2, id1]);
    roundTrip(t.vec(t.contractId), []);
    roundTrip(t.option(t.array(t.u8, 33)), null);
    roundTrip(t.option(t.array(t.u8, 33)), new Uint8Array(33).fill(0xee));
    roundTrip(t.option(t.u64), 18446744073709551615n);
    roundTrip(t.option(t.u64), null);
  });

  it('strings of every inline boundary length and multi-byte UTF-8', () => {
    for (const s of ['', 'a', 'abcdefg', 'abcdefgh', 'héllo', '€€€', '🦀 crab', '\u{feff}bom']) {
      const bytes = roundTrip(t.string, s);
      const utf8Length = new TextEncoder().encode(s).length;
      expect(bytes.length).toBe(
        utf8Length <= 7 ? 8 : utf8Length + ((4 - (utf8Length % 4)) % 4) + 8,
      );
    }
  });

  it('Vec<String> keeps element bytes in order before the element array', () => {
    const bytes = roundTrip(t.vec(t.string), ['first string', 'tiny', 'third string here']);
    expect(new TextDecoder().decode(bytes.subarray(0, 12))).toBe('first string');
  });

  it('deep nesting: Vec<Option<(i8, Result<String, u16>)>>', () => {
    const type = t.vec(t.option(t.tuple(t.i8, t.result(t.string, t.u16))));
    roundTrip(type, [
      [-5, { ok: 'out of line string' }],
      null,
      [127, { err: 65535 }],
      [0, { ok: 'in' }],
    ]);
  });

  it('empty Vec<u32> after an odd-length string pads to 4 and points there', () => {
    const bytes = roundTrip(t.tuple(t.string, t.vec(t.u32)), ['nine char', []]);
    // 9 string bytes, 3 padding for the (empty) u32 slice, then the root at 12.
    expect(bytes.length).toBe(12 + 16);
    const view = new DataView(bytes.buffer);
    expect(20 + view.getInt32(20, true)).toBe(12);
  });

  it('floats, signed extremes and nullable options', () => {
    roundTrip(t.tuple(t.f32, t.f64), [1.5, -0.1]);
    roundTrip(t.f64, Number.NaN);
    roundTrip(t.tuple(t.i8, t.i16, t.i32, t.i64), [-128, -32768, -2147483648, -(2n ** 63n)]);
    roundTrip(t.option(t.unit), { some: null });
    roundTrip(t.option(t.unit), null);
    roundTrip(t.option(t.option(t.u8)), { some: null });
    roundTrip(t.option(t.option(t.u8)), { some: 7 });
    roundTrip(t.option(t.option(t.u8)), null);
    roundTrip(t.tuple(t.u8), [1]);
    roundTrip(t.array(t.u16, 3), [1, 2, 3]);
  });
});

describe('encode rejects values that do not fit the type', () => {
  const cases: [string, RkyvType, RkyvValue, RegExp][] = [
    ['u8 300', t.u8, 300, /^u8 out of range: 300 \(0\.\.=255\)$/],
    ['u8 -1', t.u8, -1, /u8 out of range: -1 \(0\.\.=255\)/],
    ['i16 40000', t.i16, 40000, /i16 out of range: 40000 \(-32768\.\.=32767\)/],
    ['u32 1.5', t.u32, 1.5, /u32 expects an integer number, got 1.5/],
    ['u64 number', t.u64, 5, /u64 expects a bigint, got 5/],
    [
      'u64 2^64',
      t.u64,
      2n ** 64n,
      /u64 out of range: 18446744073709551616 \(0\.\.=18446744073709551615\)/,
    ],
    ['i64 -2^63-1', t.i64, -(2n ** 63n) - 1n, /i64 out of range/],
    ['f32 1e39', t.f32, 1e39, /f32 out of range: 1e\+39/],
    ['bool 1', t.bool, 1, /bool expects a boolean/],
    ['string', t.string, 5, /String expects a string/],
    ['id', t.contractId, 'abc', /ContractId expects 64 hex digits/],
    ['vec<u8> array', t.bytes, [1, 2], /Vec expects a Uint8Array/],
    ['array length', t.array(t.u8, 33), new Uint8Array(32), /array of 33 got 32 elements/],
    ['result', t.result(t.unit, t.unit), { ok: null, err: null }, /Result expects/],
    ['contract error', t.contractError, 'Nope', /ContractError expects/],
    ['tuple arity', t.tuple(t.u8, t.u8), [1], /2-tuple expects an array of 2/],
    [
      'nested path',
      t.tuple(t.u8, t.vec(t.u16)),
      [1, [2, 70000]],
      /u16 out of range: 70000 \(0\.\.=65535\) at value\.1\[1\]/,
    ],
    [
      'option of unit',
      t.option(t.unit),
      5,
      /Option of a nullable type expects null or \{ some: … \}/,
    ],
    ['lone surrogate', t.string, 'a\uD800b', /^String contains a lone UTF-16 surrogate$/],
    [
      'panic surrogate',
      t.result(t.unit, t.contractError),
      { err: { panic: '\uDC00' } },
      /lone UTF-16 surrogate at value\.Err\.Panic/,
    ],
  ];
  it.each(cases)('%s', (_name, type, value, message) => {
    try {
      encode(type, value);
      expect.unreachable();
    } catch (e) {
      expect(isPiecrustError(e, 'InvalidInput')).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });
});
