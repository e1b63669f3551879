import { expect, test } from 'vitest';
import { recordedCounts, recordedTitle } from './session-counts';

test('a session’s journal is counted as deploys and calls, never lumped together', () => {
  expect(recordedCounts({ calls: 0, deploys: 0 })).toBe('0 calls');
  expect(recordedCounts({ calls: 1, deploys: 1 })).toBe('1 deploy · 0 calls');
  expect(recordedCounts({ calls: 4, deploys: 1 })).toBe('1 deploy · 3 calls');
  expect(recordedCounts({ calls: 7, deploys: 2 })).toBe('2 deploys · 5 calls');
  expect(recordedCounts({ calls: 1, deploys: 0 })).toBe('1 call');
  expect(recordedTitle({ calls: 4, deploys: 1 })).toBe(
    "Recorded in this session's journal: 1 deploy and 3 calls",
  );
});
