import { describe, expect, test } from 'vitest';
import {
  asciiOf,
  bytesFromHex,
  cleanHex,
  formatAddress,
  groupHex,
  hexByteLength,
  hexFromBytes,
  hexProblem,
  parseAddress,
  shortId,
} from './hex';

describe('hex helpers', () => {
  test('clean, validate and convert', () => {
    expect(cleanHex(' 0xFC 00_01 ')).toBe('fc0001');
    expect(hexProblem('0xfc0')).toMatch(/odd number/);
    expect(hexProblem('0xzz')).toMatch(/"z" is not a hex digit/);
    expect(hexProblem('')).toBeUndefined();
    expect([...bytesFromHex('0xfc01')]).toEqual([0xfc, 1]);
    expect(hexFromBytes(new Uint8Array([0, 255, 16]))).toBe('0x00ff10');
    expect(hexByteLength('0xff00')).toBe(2);
    expect(() => bytesFromHex('0x1')).toThrow();
  });

  test('display', () => {
    expect(groupHex('0xff00000000000000')).toBe('ff 00 00 00 00 00 00 00');
    expect(groupHex('0xff000000', 2)).toBe('ff00 0000');
    expect(groupHex('0x0102030405', 1, 3)).toBe('01 02 03 …');
    expect(shortId('9930cf570e14b66dc1177d07e3c5c5f927f203eec8717164ce02d85e1df8e6d4')).toBe(
      '9930cf57…1df8e6d4',
    );
    expect(shortId('0xabcd')).toBe('abcd');
    expect(formatAddress(0x440)).toBe('00000440');
    expect(formatAddress(0x1_0000_0000, 8)).toBe('100000000');
    expect(asciiOf(0x41)).toBe('A');
    expect(asciiOf(0)).toBe('·');
  });

  test('addresses users type', () => {
    expect(parseAddress('0x440')).toBe(1088);
    expect(parseAddress('440h')).toBe(1088);
    expect(parseAddress('1088')).toBe(1088);
    expect(parseAddress('ff')).toBe(255);
    expect(parseAddress('')).toBeUndefined();
    expect(parseAddress('0xg')).toBeUndefined();
  });
});
