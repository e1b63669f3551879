import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../core/ids';
import { decode, encode, formatValue, parseType, t } from './index';

describe('the example in index.ts', () => {
  it('holds', () => {
    const bytes = encode(t.option(t.u64), 29000n);
    expect(bytesToHex(bytes)).toBe('01000000' + '00000000' + '48710000' + '00000000');
    expect(decode(t.option(t.u64), bytes)).toBe(29000n);
    expect(decode(parseType('u64'), bytes)).toBe(29000n);
    expect(formatValue(t.option(t.u64), 29000n)).toBe('Some(29000)');
  });
});
