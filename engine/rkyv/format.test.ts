import { describe, expect, it } from 'vitest';
import { toContractId } from '../core/ids';
import { decode } from './decode';
import { encode } from './encode';
import { formatFloat, formatValue } from './format';
import { parseType } from './type-names';
import { t, type RkyvValue } from './types';

describe('formatValue', () => {
  const id = toContractId('ab'.repeat(32));

  it.each<[string, RkyvValue, string]>([
    ['()', null, '()'],
    ['bool', true, 'true'],
    ['u64', 29000n, '29000'],
    ['i64', -1n, '-1'],
    ['i16', -3, '-3'],
    ['f64', 252, '252.0'],
    ['f64', 1.5, '1.5'],
    ['f32', 0.1, '0.1'],
    ['String', 'say "hi"\n', '"say \\"hi\\"\\n"'],
    ['ContractId', id, 'ab'.repeat(32)],
    ['Vec<u8>', new Uint8Array([0xde, 0xad]), '0xdead'],
    ['Vec<u8>', new Uint8Array(0), '0x'],
    ['[u8; 2]', new Uint8Array([1, 2]), '0x0102'],
    ['Vec<u16>', [1, 2], '[1, 2]'],
    ['Option<i16>', 17, 'Some(17)'],
    ['Option<i16>', null, 'None'],
    ['Option<()>', { some: null }, 'Some(())'],
    ['Option<Option<u8>>', { some: null }, 'Some(None)'],
    ['Result<bool, ContractError>', { ok: true }, 'Ok(true)'],
    ['Result<(), ContractError>', { err: { panic: 'x' } }, 'Err(Panic("x"))'],
    ['Result<(), ContractError>', { err: 'OutOfGas' }, 'Err(OutOfGas)'],
    ['(ContractId, String)', [id, 'valid_bool'], `(${'ab'.repeat(32)}, "valid_bool")`],
    ['(u8,)', [1], '(1,)'],
  ])('%s %s', (typeName, value, text) => {
    const type = parseType(typeName);
    expect(formatValue(type, value)).toBe(text);
    // Decoded values format the same way as hand-written ones.
    if (typeName !== 'f32') expect(formatValue(type, decode(type, encode(type, value)))).toBe(text);
  });

  it('formats an f32 decoded from bytes with its shortest f32 digits', () => {
    expect(formatValue(t.f32, decode(t.f32, encode(t.f32, 0.1)))).toBe('0.1');
  });

  it('follows Rust float Debug', () => {
    expect(formatFloat(0, false)).toBe('0.0');
    expect(formatFloat(-0, false)).toBe('-0.0');
    expect(formatFloat(NaN, false)).toBe('NaN');
    expect(formatFloat(Infinity, false)).toBe('inf');
    expect(formatFloat(-Infinity, true)).toBe('-inf');
    expect(formatFloat(1e16, false)).toBe('1e16');
    expect(formatFloat(1e15, false)).toBe('1000000000000000.0');
    expect(formatFloat(0.0001, false)).toBe('0.0001');
    expect(formatFloat(0.00001, false)).toBe('1e-5');
    expect(formatFloat(-1.5e-7, false)).toBe('-1.5e-7');
  });
});
