import { describe, expect, test } from 'vitest';
import {
  argumentText,
  describeValue,
  insertAt,
  parseArgument,
  parseGas,
  parseValueText,
  previewRows,
} from './arg-preview';

describe('argument editor helpers', () => {
  test('JSON in the script value syntax', () => {
    expect(parseValueText('{"i16": 17}')).toEqual({ ok: true, value: { i16: 17 } });
    expect(parseValueText('{"tuple": [{"u64": "5"}, {"bool": true}]}')).toMatchObject({ ok: true });
    expect(parseValueText('{"option": null, "of": "u64"}')).toMatchObject({ ok: true });
    expect(parseValueText('"0xFC 00"')).toMatchObject({
      ok: false,
      error: expect.stringContaining('without spaces'),
    });
    expect(parseValueText('"0xFC0"')).toMatchObject({
      ok: false,
      error: expect.stringContaining('odd number'),
    });
    expect(parseValueText('"hello"')).toMatchObject({
      ok: false,
      error: expect.stringContaining('must start with 0x'),
    });
    expect(parseValueText('{"i16": 1')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not valid JSON'),
    });
    expect(parseValueText('{"int": 1}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('only key'),
    });
    expect(parseValueText('{"tuple": [{"u8": 1}, 5]}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('value.tuple[1]'),
    });
  });

  test('shorthand for scalars', () => {
    expect(parseValueText('i16 17')).toEqual({ ok: true, value: { i16: 17 } });
    expect(parseValueText('i16: -3')).toEqual({ ok: true, value: { i16: -3 } });
    expect(parseValueText('u64 18446744073709551615')).toEqual({
      ok: true,
      value: { u64: '18446744073709551615' },
    });
    expect(parseValueText('bool true')).toEqual({ ok: true, value: { bool: true } });
    expect(parseValueText('bool yes')).toMatchObject({ ok: false });
    expect(parseValueText('string hello world')).toEqual({
      ok: true,
      value: { string: 'hello world' },
    });
    expect(parseValueText('f64 1.5')).toEqual({ ok: true, value: { f64: 1.5 } });
    expect(parseValueText('none u64')).toEqual({ ok: true, value: { option: null, of: 'u64' } });
    expect(parseValueText('unit')).toEqual({ ok: true, value: { unit: null } });
    expect(parseValueText('u32 x')).toMatchObject({ ok: false, error: '"x" is not an integer' });
    expect(parseValueText('int 3')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"int" is not a type'),
    });
    expect(parseValueText('0xfc00')).toEqual({ ok: true, value: '0xfc00' });
    expect(parseValueText('')).toMatchObject({ ok: false });
  });

  test('the request argument per mode', () => {
    expect(parseArgument('none', 'ignored')).toEqual({ ok: true, value: undefined });
    expect(parseArgument('hex', 'fc 00')).toEqual({ ok: true, value: { hex: '0xfc00' } });
    expect(parseArgument('hex', '0xf')).toMatchObject({ ok: false });
    expect(parseArgument('value', 'bool true')).toEqual({
      ok: true,
      value: { value: { bool: true } },
    });
  });

  test('type captions', () => {
    expect(describeValue({ i16: 17 })).toBe('i16');
    expect(describeValue({ option: { i16: 1 } })).toBe('Option<i16>');
    expect(describeValue({ option: null, of: 'u64' })).toBe('Option<u64>');
    expect(describeValue({ tuple: [{ u64: '5' }, { bool: true }] })).toBe('(u64, bool)');
    expect(describeValue('0xfc00')).toBe('2 raw bytes');
    expect(describeValue({ bytes: '0x01' })).toBe('Vec<u8>');
  });

  test('preview rows', () => {
    const p = previewRows('0x' + '01'.repeat(20));
    expect(p.total).toBe(20);
    expect(p.rows).toHaveLength(2);
    expect(p.rows[1]).toEqual({ offset: '0010', bytes: ['01', '01', '01', '01'] });
    expect(previewRows('0x' + '00'.repeat(300), 2).truncated).toBe(true);
    expect(previewRows('0x').rows).toEqual([]);
  });

  test('gas and replayed arguments', () => {
    expect(parseGas('1_000_000')).toEqual({ ok: true, value: '1000000' });
    expect(parseGas('1e6')).toMatchObject({ ok: false });
    expect(parseGas('18446744073709551616')).toMatchObject({ ok: false });
    expect(argumentText('0x')).toEqual({ mode: 'none', text: '' });
    expect(argumentText('0x1100')).toEqual({ mode: 'hex', text: '0x1100' });
  });

  test('a contractId takes a contract name, which reaches the engine as typed', () => {
    // The engine resolves names (engine/api/contract-ref.ts); the editor must not refuse one.
    expect(parseValueText('contractId counter')).toEqual({
      ok: true,
      value: { contractId: 'counter' },
    });
    expect(parseValueText('contractId my box')).toEqual({
      ok: true,
      value: { contractId: 'my box' },
    });
    expect(parseValueText('{"tuple": [{"contractId": "counter"}, {"u32": 1}]}')).toMatchObject({
      ok: true,
    });
    expect(parseArgument('value', '{"contractId": "counter"}')).toEqual({
      ok: true,
      value: { value: { contractId: 'counter' } },
    });
  });

  test('a picked name goes in at the cursor, or is the whole value of an empty editor', () => {
    expect(insertAt('', 0, 0, 'counter')).toEqual({ text: 'contractId counter', caret: 18 });
    expect(insertAt('  ', 1, 1, 'box')).toEqual({ text: 'contractId box', caret: 14 });
    const json = '{"contractId": ""}';
    expect(insertAt(json, 16, 16, 'counter')).toEqual({
      text: '{"contractId": "counter"}',
      caret: 23,
    });
    // A selection is replaced.
    expect(insertAt('contractId abc', 11, 14, 'box')).toEqual({
      text: 'contractId box',
      caret: 14,
    });
  });
});
