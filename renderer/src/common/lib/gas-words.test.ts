import { expect, test } from 'vitest';
import { frameGasSentence, gasParts, gasSentence, gasShort } from './gas-words';

test('a call that succeeded: what it spent, of its limit', () => {
  expect(gasSentence({ ok: true, gasSpent: '12345', gasLimit: '1000000' })).toBe(
    '12,345 of 1,000,000 gas',
  );
  expect(gasParts({ ok: true, gasSpent: '12345', gasLimit: '1000000' })).toEqual({
    spent: '12,345',
    rest: 'of 1,000,000 gas',
  });
  expect(gasShort({ ok: true, gasSpent: '12345' })).toBe('12,345 gas');
});

test('a failed call: the gas it spent all the same, and that it has no receipt', () => {
  expect(gasSentence({ ok: false, gasSpent: '12345', gasLimit: '1000000' })).toBe(
    '12,345 of 1,000,000 gas — failed, no receipt',
  );
  expect(gasShort({ ok: false, gasSpent: '12345' })).toBe('12,345 gas — failed');
  // Failed before it ran (or recorded by an older version): no figure is made up.
  expect(gasSentence({ ok: false, gasLimit: '10' })).toBe('no gas recorded — failed, no receipt');
  expect(gasShort({ ok: false })).toBe('failed');
});

test('a failed frame: its own spend; a nested one cost its caller the whole limit', () => {
  expect(frameGasSentence({ gas: '19', failed: true, limit: '500', depth: 1 })).toBe(
    '19 of 500 gas — failed; its caller was charged the whole limit (500)',
  );
  expect(frameGasSentence({ gas: '545', failed: true, limit: '100000', depth: 0 })).toBe(
    '545 of 100,000 gas — failed, no receipt',
  );
  expect(frameGasSentence({ failed: true, depth: 0 })).toBe(
    'gas not recorded (an older journal) — failed',
  );
  expect(frameGasSentence({ gas: '7', failed: false, depth: 0 })).toBe('7 gas');
});
