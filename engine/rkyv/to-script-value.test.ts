import { describe, expect, test } from 'vitest';
import { toContractId } from '../core/ids';
import { decode, encode, encodeScriptValue, parseType, t } from './index';
import { toScriptValue } from './to-script-value';

const resolve = toContractId;

describe('toScriptValue', () => {
  test.each([
    ['i64', 255n],
    ['u8', 7],
    ['bool', true],
    ['String', 'what a string'],
    ['Vec<u8>', new Uint8Array([1, 2, 3])],
    ['Option<i16>', 17],
    ['Option<u64>', null],
    ['(u64, bool, Option<i32>)', [5n, true, null]],
    ['ContractId', toContractId('ab'.repeat(32))],
    ['f64', 1.5],
  ] as const)('%s round-trips through the script syntax', (name, value) => {
    const type = parseType(name);
    const bytes = encode(type, value as never);
    const script = toScriptValue(type, decode(type, bytes));
    expect(script).not.toBeNull();
    expect(encodeScriptValue(script, resolve)).toEqual(bytes);
  });

  test('types the syntax cannot express give null', () => {
    expect(toScriptValue(t.vec(t.u32), [1, 2])).toBeNull();
    expect(toScriptValue(t.result(t.bool, t.contractError), { ok: true })).toBeNull();
    expect(toScriptValue(t.tuple(t.u8, t.vec(t.u32)), [1, [2]])).toBeNull();
  });
});
