import { expect, test } from 'vitest';
import { jsonErrorPosition } from './json-position';

test('the position of the first character that is not JSON', () => {
  expect(jsonErrorPosition('{"a":}')).toBe(5);
  expect(jsonErrorPosition('[1,')).toBe(3);
  expect(jsonErrorPosition('[1 2]')).toBe(3);
  expect(jsonErrorPosition('{"a":1} x')).toBe(8);
  expect(jsonErrorPosition('"bad \\q"')).toBe(0);
  expect(jsonErrorPosition('01')).toBe(1);
  expect(jsonErrorPosition('')).toBe(0);
});

test('valid JSON has no error position', () => {
  for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9"]}', ' [ ] ', '{}', '"x"', '0'])
    expect(jsonErrorPosition(text), text).toBe(-1);
});
