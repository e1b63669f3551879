import { describe, expect, test } from 'vitest';
import { createSearcher, nextMatch, parseNeedles, utf16le, type Needle } from './byte-search';

const hex = (...bytes: number[]): Needle[] => [{ encoding: 'hex', bytes: new Uint8Array(bytes) }];
const offsets = (matches: ReadonlyArray<{ offset: number }>) => matches.map((m) => m.offset);

describe('memory search', () => {
  test('needles from hex or text', () => {
    expect(parseNeedles('fc 00', 'hex')).toEqual({ ok: true, value: hex(0xfc, 0) });
    expect(parseNeedles('hi', 'utf8')).toEqual({
      ok: true,
      value: [{ encoding: 'UTF-8', bytes: new Uint8Array([0x68, 0x69]) }],
    });
    expect(parseNeedles('f', 'hex')).toMatchObject({ ok: false });
    expect(parseNeedles('', 'text')).toMatchObject({ ok: false });
  });

  test('text is looked for as UTF-8 and as UTF-16LE, AssemblyScript strings included', () => {
    expect(parseNeedles('hé', 'text')).toEqual({
      ok: true,
      value: [
        { encoding: 'UTF-8', bytes: new Uint8Array([0x68, 0xc3, 0xa9]) },
        { encoding: 'UTF-16LE', bytes: new Uint8Array([0x68, 0, 0xe9, 0]) },
      ],
    });
    expect(parseNeedles('hé', 'utf16le')).toEqual({
      ok: true,
      value: [{ encoding: 'UTF-16LE', bytes: new Uint8Array([0x68, 0, 0xe9, 0]) }],
    });
    // Code units above 0xff (€ is U+20AC) and surrogate pairs (😀 is D83D DE00), low byte first.
    expect(utf16le('€ 5')).toEqual(new Uint8Array([0xac, 0x20, 0x20, 0, 0x35, 0]));
    expect(utf16le('a😀b')).toEqual(new Uint8Array([0x61, 0, 0x3d, 0xd8, 0x00, 0xde, 0x62, 0]));
  });

  test('both encodings in one pass: each match says which one it was found in', () => {
    const parsed = parseNeedles('ab', 'text');
    if (!parsed.ok) throw new Error(parsed.error);
    const s = createSearcher(parsed.value);
    //                           UTF-8 at 1            UTF-16LE at 5 (straddles into the next chunk)
    expect(s.feed(0, new Uint8Array([0, 0x61, 0x62, 0, 0, 0x61, 0, 0x62]))).toEqual([
      { offset: 1, length: 2, encoding: 'UTF-8' },
    ]);
    expect(s.feed(8, new Uint8Array([0, 9]))).toEqual([
      { offset: 5, length: 4, encoding: 'UTF-16LE' },
    ]);
    expect(s.matches).toEqual([
      { offset: 1, length: 2, encoding: 'UTF-8' },
      { offset: 5, length: 4, encoding: 'UTF-16LE' },
    ]);
  });

  test('two encodings matching at one offset are one match, the longer', () => {
    const parsed = parseNeedles('a', 'text');
    if (!parsed.ok) throw new Error(parsed.error);
    const s = createSearcher(parsed.value);
    s.feed(0, new Uint8Array([0x61, 0, 0x61, 0x61]));
    expect(s.matches).toEqual([
      { offset: 0, length: 2, encoding: 'UTF-16LE' },
      { offset: 2, length: 1, encoding: 'UTF-8' },
      { offset: 3, length: 1, encoding: 'UTF-8' },
    ]);
  });

  test('finds matches inside and across contiguous chunks, not across gaps', () => {
    const s = createSearcher(hex(1, 2, 3));
    expect(offsets(s.feed(0, new Uint8Array([0, 1, 2, 3, 0, 0, 1])))).toEqual([1]);
    expect(offsets(s.feed(7, new Uint8Array([2, 3, 9])))).toEqual([6]); // straddles 6..8
    expect(offsets(s.feed(100, new Uint8Array([2, 3, 1, 2, 3])))).toEqual([102]); // 100 does not continue 10
    expect(offsets(s.matches)).toEqual([1, 6, 102]);
  });

  test('stops at the limit', () => {
    const s = createSearcher(hex(0), 3);
    s.feed(0, new Uint8Array(10));
    expect(offsets(s.matches)).toEqual([0, 1, 2]);
    expect(s.full).toBe(true);
    expect(s.feed(10, new Uint8Array(5))).toEqual([]);
  });

  test('with two encodings, the limit keeps the first matches by address', () => {
    const parsed = parseNeedles('a', 'text');
    if (!parsed.ok) throw new Error(parsed.error);
    const s = createSearcher(parsed.value, 3);
    // UTF-8 "a" at 2, 4, 6, 8; UTF-16LE "a\0" at 0.
    s.feed(0, new Uint8Array([0x61, 0, 0x61, 1, 0x61, 1, 0x61, 1, 0x61, 1]));
    expect(offsets(s.matches)).toEqual([0, 2, 4]);
    expect(s.full).toBe(true);
  });

  test('next and previous match from the cursor, wrapping', () => {
    const m = [10, 20, 30].map((offset) => ({ offset }));
    expect(nextMatch(m, 15)).toBe(1);
    expect(nextMatch(m, 30)).toBe(0);
    expect(nextMatch(m, 15, true)).toBe(0);
    expect(nextMatch(m, 5, true)).toBe(2);
    expect(nextMatch([], 0)).toBe(-1);
  });
});
