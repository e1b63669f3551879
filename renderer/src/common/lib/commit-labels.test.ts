import { expect, test } from 'vitest';
import { labelsOf, labelsText } from './commit-labels';

test('a commit committed under two labels is named by both, oldest first', () => {
  expect(labelsText({ label: 'left', labels: ['left', 'right'] })).toBe('left, right');
  expect(labelsOf({ label: 'left', labels: ['left', 'right'] })).toEqual(['left', 'right']);
});

test('one label, none, and data from before every label was kept', () => {
  expect(labelsText({ label: 'only', labels: ['only'] })).toBe('only');
  expect(labelsText({ label: '', labels: [] })).toBe('');
  expect(labelsText({ label: 'old' })).toBe('old');
  expect(labelsText({ label: '' })).toBe('');
  expect(labelsText({})).toBe('');
  // A repeated or empty entry is not shown twice or as a blank.
  expect(labelsOf({ labels: ['a', '', 'a', 'b'] })).toEqual(['a', 'b']);
});
