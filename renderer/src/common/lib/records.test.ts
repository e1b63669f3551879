import { expect, test } from 'vitest';
import { without } from './records';

test('without returns a copy minus one key', () => {
  const r = { a: 1, b: 2 };
  expect(without(r, 'a')).toEqual({ b: 2 });
  expect(r).toEqual({ a: 1, b: 2 });
  expect(without({ 1: 'x', 2: 'y' }, 1)).toEqual({ 2: 'y' });
});
