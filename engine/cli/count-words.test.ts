import { expect, test } from 'vitest';
import { journalCounts, plural } from './count-words';

test('a count is singular for one', () => {
  expect(plural(1, 'call')).toBe('1 call');
  expect(plural(0, 'call')).toBe('0 calls');
  expect(plural(2, 'entry', 'entries')).toBe('2 entries');
});

test('a journal counts its deploys and calls apart', () => {
  const call = { kind: 'call' };
  const deploy = { kind: 'deploy' };
  expect(journalCounts([call])).toBe('1 call');
  expect(journalCounts([])).toBe('0 calls');
  expect(journalCounts([deploy])).toBe('1 deploy, 0 calls');
  expect(journalCounts([deploy, deploy, call, call, call])).toBe('2 deploys, 3 calls');
});
