import { describe, expect, test } from 'vitest';
import { draftText, initialDraft, switchMode, withText, type ArgCodec } from './arg-drafts';

/** i16 values only, as the engine would encode them (little endian). */
const codec: ArgCodec = {
  encode: async (value) => {
    const n = (value as { i16?: number }).i16;
    if (n === undefined) throw new Error('not an i16');
    return `0x${(n & 0xff).toString(16).padStart(2, '0')}${((n >> 8) & 0xff).toString(16).padStart(2, '0')}`;
  },
  decode: async (hex, type) => {
    if (type !== 'i16' || hex.length !== 6) throw new Error('ValidationError');
    return { i16: parseInt(hex.slice(2, 4), 16) + (parseInt(hex.slice(4, 6), 16) << 8) };
  },
};

describe('the argument editor’s modes convert instead of keeping the other mode’s text', () => {
  test('typed → hex shows the typed value’s encoding', async () => {
    const hex = await switchMode(initialDraft('i16 17'), 'hex', codec);
    expect(hex.mode).toBe('hex');
    expect(draftText(hex)).toBe('11 00');
  });

  test('typed text that does not encode leaves hex empty, not the typed text', async () => {
    for (const typed of ['{"i16": ', 'u8 7', '']) {
      const hex = await switchMode(withText(initialDraft('i16 1'), typed), 'hex', codec);
      expect(draftText(hex)).toBe('');
    }
  });

  test('hex → typed keeps the typed text while it matches, decodes edited bytes as its type', async () => {
    const hex = await switchMode(initialDraft('i16 17'), 'hex', codec);
    expect(draftText(await switchMode(hex, 'value', codec))).toBe('i16 17');
    const edited = withText(hex, '2a 00');
    expect(draftText(await switchMode(edited, 'value', codec))).toBe('{"i16":42}');
    // Bytes that are no i16: nothing typed rather than a stale value.
    expect(draftText(await switchMode(withText(hex, '01'), 'value', codec))).toBe('');
  });

  test('a function without an example starts with no argument; none keeps both texts', async () => {
    expect(initialDraft(undefined)).toEqual({ mode: 'none', value: '', hex: '' });
    const none = await switchMode(initialDraft('i16 3'), 'none', codec);
    expect(draftText(none)).toBe('');
    expect(draftText(await switchMode(none, 'value', codec))).toBe('i16 3');
  });
});
