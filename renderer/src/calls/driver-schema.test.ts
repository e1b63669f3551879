/**
 * A driver's schema read for the call form, and JSON read with where it goes wrong.
 */
import { describe, expect, test } from 'vitest';
import { exampleOf, mergeFunctions, schemaFunctions } from './driver-schema';
import { lineColumn, parseJsonText } from './json-input';

describe('a driver schema', () => {
  test('lists the functions that have a name, whatever else it holds', () => {
    expect(
      schemaFunctions({ functions: [{ name: 'set', input: 'i16' }, { input: 'u8' }, 7] }),
    ).toEqual([{ name: 'set', input: 'i16', output: undefined }]);
    expect(schemaFunctions('not a schema')).toEqual([]);
    expect(schemaFunctions(null)).toEqual([]);
  });

  test('merges into the exports: exports first, then what only the schema lists', () => {
    expect(mergeFunctions(['get', 'set'], [{ name: 'set' }, { name: 'reset' }])).toEqual([
      'get',
      'set',
      'reset',
    ]);
  });

  test('gives an example of each input type, in the JSON the drivers read', () => {
    expect(exampleOf('()')).toBeNull();
    expect(exampleOf('i16')).toBe(0);
    expect(exampleOf('u64')).toBe('0'); // 64-bit integers travel as strings
    expect(exampleOf('bool')).toBe(false);
    expect(exampleOf('ContractId')).toBe('0'.repeat(64));
    expect(exampleOf('Option<i16>')).toBe(0);
    expect(exampleOf('(u64, Option<(bool, i8)>)')).toEqual(['0', [false, 0]]);
    expect(exampleOf('Vec<u32>')).toEqual([0]);
    expect(exampleOf('SomethingElse')).toBeNull();
    expect(
      exampleOf({
        type: 'object',
        properties: { to: { type: 'string' }, amount: { type: 'integer' } },
      }),
    ).toEqual({ to: '', amount: 0 });
  });
});

describe('JSON typed for a driver', () => {
  test('valid JSON is its value', () => {
    expect(parseJsonText(' -300 ')).toEqual({ ok: true, value: -300 });
    expect(parseJsonText('{"a": [1, "x\\n", null]}')).toEqual({
      ok: true,
      value: { a: [1, 'x\n', null] },
    });
  });

  test('an error says its line and column and what was expected', () => {
    expect(parseJsonText('{\n  "a": }')).toEqual({
      ok: false,
      error: "JSON, line 2, column 8: expected a value, found '}'",
    });
    expect(parseJsonText('[1, 2')).toEqual({
      ok: false,
      error: "JSON, line 1, column 6: expected ',' or ']', found the end of the text",
    });
    expect(parseJsonText('{a: 1}')).toMatchObject({
      error: /line 1, column 2: expected a "quoted"/,
    });
    expect(parseJsonText('1 2')).toMatchObject({ error: /column 3: unexpected '2' after/ });
    expect(parseJsonText('"open')).toMatchObject({
      error: /column 6: a string that is not closed/,
    });
    expect(parseJsonText('tru')).toMatchObject({ error: /column 1: expected a value/ });
    expect(parseJsonText('  ')).toMatchObject({ ok: false, error: /write a JSON value/ });
  });

  test('every text JSON.parse refuses is refused, and every one it reads is read', () => {
    const texts = ['{}', '[]', '1e5', '-0.5', '01', '1.', '"\\u12"', '"\\q"', '{"a":1,}', '[,]'];
    for (const text of texts) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(parseJsonText(text).ok, text).toBe(valid);
    }
  });

  test('line and column count from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
