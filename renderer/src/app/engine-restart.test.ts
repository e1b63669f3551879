import { expect, test } from 'vitest';
import { engineRestartedText } from './engine-restart';

test('an engine restart says what was lost and what was kept', () => {
  const reopened = engineRestartedText({ code: 134, store: '/data/state.pis' });
  expect(reopened).toContain('exited with code 134');
  expect(reopened).toContain('Open sessions and their uncommitted changes were lost');
  expect(reopened).toContain('/data/state.pis was reopened: every commit is there.');

  const failed = engineRestartedText({
    code: null,
    store: ':memory:',
    storeError: 'no store file at /data/state.pis',
  });
  expect(failed).toContain('The engine process stopped');
  expect(failed).toContain(
    'The store could not be reopened (no store file at /data/state.pis); an in-memory store is open.',
  );
  expect(engineRestartedText({ code: 1, store: ':memory:' })).toContain(
    'An in-memory store is open.',
  );
});
