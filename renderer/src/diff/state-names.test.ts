import { expect, test } from 'vitest';
import { commitWords, GENESIS_ROOT, journalWords } from './state-names';

const ROOT = 'ab12cd34' + 'ef'.repeat(28);

test('states and journals are named as the user knows them, never by internal ids', () => {
  expect(commitWords(ROOT, 'right')).toBe('ab12cd34 “right”');
  expect(commitWords(ROOT, '')).toBe('ab12cd34');
  expect(commitWords(GENESIS_ROOT, undefined)).toBe('genesis (empty state)');
  expect(journalWords({ session: 's33' }, 'c')).toBe('session c');
  expect(journalWords({ commit: ROOT }, 'right')).toBe('commit ab12cd34 “right”');
});
