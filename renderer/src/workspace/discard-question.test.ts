import { expect, test } from 'vitest';
import { discardQuestion } from './discard-question';

test('discarding says what is lost, deploys and calls counted apart, singular for one', () => {
  expect(discardQuestion({ calls: 1, deploys: 0 })).toBe('Discard 1 call?');
  expect(discardQuestion({ calls: 4, deploys: 1 })).toBe('Discard 1 deploy · 3 calls?');
  expect(discardQuestion({ calls: 1, deploys: 1 })).toBe('Discard 1 deploy · 0 calls?');
});

test('nothing recorded and nothing running: nothing to ask', () => {
  expect(discardQuestion({ calls: 0, deploys: 0 })).toBeNull();
  expect(discardQuestion({ calls: 0, deploys: 0 }, null)).toBeNull();
});

test('a running call is work in progress: asked about, by name, even with nothing recorded', () => {
  expect(discardQuestion({ calls: 0, deploys: 0 }, { fn: 'host_very_expensive' })).toBe(
    'Stop the running call host_very_expensive and discard?',
  );
  expect(discardQuestion({ calls: 2, deploys: 1 }, { fn: 'increment' })).toBe(
    'Stop the running call increment and discard 1 deploy · 1 call?',
  );
  expect(discardQuestion({ calls: 0, deploys: 0 }, { fn: '' })).toBe(
    'Stop the running deploy and discard?',
  );
  // Busy, started before this page heard of it: the call is not known by name, still asked.
  expect(discardQuestion({ calls: 0, deploys: 0 }, {})).toBe('Stop the running call and discard?');
});
