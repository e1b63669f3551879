import { describe, expect, test } from 'vitest';
import { jsonSummary, jsonText, ONE_LINE } from './json-display';

describe('decoded JSON as text', () => {
  test('scalars and short objects stay on one line', () => {
    expect(jsonText(-300)).toEqual({ text: '-300', multiline: false });
    expect(jsonText(null)).toEqual({ text: 'null', multiline: false });
    expect(jsonText({ a: 1, b: [2, 3] })).toEqual({ text: '{"a":1,"b":[2,3]}', multiline: false });
  });

  test('an object longer than a line is pretty-printed', () => {
    const value = { minimum_stake: '1000000000000', warnings: 1, owner: 'x'.repeat(ONE_LINE) };
    const out = jsonText(value);
    expect(out.multiline).toBe(true);
    expect(out.text).toBe(JSON.stringify(value, null, 2));
  });

  test('a long string stays one line (there is nothing to indent)', () => {
    expect(jsonText('y'.repeat(ONE_LINE * 2)).multiline).toBe(false);
  });

  test('a summary is cut with an ellipsis at its length', () => {
    expect(jsonSummary({ a: 1 })).toBe('{"a":1}');
    const cut = jsonSummary('z'.repeat(100), 10);
    expect(cut).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
  });
});
