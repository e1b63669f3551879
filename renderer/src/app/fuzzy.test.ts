import { expect, test } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

test('palette matching: in order, word starts first', () => {
  expect(fuzzyScore('Deploy counter sample', 'dcs')).toBeGreaterThan(0);
  expect(fuzzyScore('Deploy counter sample', 'xyz')).toBeUndefined();
  const items = ['Go to Steps', 'Step forward', 'New session', 'Toggle theme'];
  expect(fuzzyFilter(items, 'step', (s) => s)).toEqual(['Step forward', 'Go to Steps']);
  expect(fuzzyFilter(items, 'ns', (s) => s)[0]).toBe('New session');
  expect(fuzzyFilter(items, '', (s) => s)).toEqual(items);
});
