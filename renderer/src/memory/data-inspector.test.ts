import { describe, expect, test } from 'vitest';
import { inspectBytes, readFloat, readInt, readUtf8 } from './data-inspector';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const field = (r: ReturnType<typeof inspectBytes>, key: string): string | undefined =>
  r.fields.find((f) => f.key === key)?.text;

describe('data inspector', () => {
  test('integers, both endians, signed and unsigned', () => {
    const b = bytes(0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    expect(readInt(b, 1, false, 'le')).toBe(252n);
    expect(readInt(b, 1, true, 'le')).toBe(-4n);
    expect(readInt(b, 2, false, 'le')).toBe(0xfffcn);
    expect(readInt(b, 2, false, 'be')).toBe(0xfcffn);
    expect(readInt(b, 8, true, 'le')).toBe(-4n);
    expect(readInt(b, 8, false, 'le')).toBe(2n ** 64n - 4n);
    expect(readInt(bytes(1, 2), 4, false, 'le')).toBeUndefined();
  });

  test('floats', () => {
    const one = new Uint8Array(new Float64Array([1.5]).buffer);
    expect(readFloat(one, 8, 'le')).toBe(1.5);
    expect(readFloat(bytes(0, 0, 0xc0, 0x7f), 4, 'le')).toBeNaN();
    const r = inspectBytes(one, 'le', false, 65536);
    expect(field(r, 'f64')).toBe('1.5');
  });

  test('UTF-8 stops at NUL and marks bytes that do not decode', () => {
    expect(readUtf8(new TextEncoder().encode('héllo\0world'))).toBe('"héllo"');
    expect(readUtf8(bytes(0x61, 0xff, 0x62))).toBe('"a�…"');
    expect(readUtf8(new TextEncoder().encode('abcdef'), 4)).toBe('"abcd"…');
  });

  test('the counter at 252, as the view shows it', () => {
    const r = inspectBytes(bytes(0xfc, 0, 0, 0, 0, 0, 0, 0), 'le', false, 131072);
    expect(field(r, 'i64')).toBe('252');
    expect(field(r, 'u16')).toBe('252');
    expect(field(r, 'bin')).toBe('11111100');
    expect(r.pointer).toBe(252);
    expect(r.pointerText).toBe('0xfc');
  });

  test('pointers: wasm32 reads 4 bytes, wasm64 8; outside memory is not followable', () => {
    const b = bytes(0x40, 0x04, 0, 0, 1, 0, 0, 0);
    expect(inspectBytes(b, 'le', false, 131072).pointer).toBe(0x440);
    const wide = inspectBytes(b, 'le', true, 131072);
    expect(wide.pointer).toBeUndefined();
    expect(wide.pointerText).toBe('0x100000440 (outside memory)');
    // Big-endian display does not change what the wasm code would load as a pointer.
    expect(inspectBytes(b, 'be', false, 131072).pointer).toBe(0x440);
  });

  test('few bytes at the end of memory leave wider fields empty', () => {
    const r = inspectBytes(bytes(7), 'le', false, 65536);
    expect(field(r, 'u8')).toBe('7');
    expect(field(r, 'u16')).toBeUndefined();
    expect(field(r, 'f64')).toBeUndefined();
    expect(r.pointer).toBeUndefined();
  });
});
