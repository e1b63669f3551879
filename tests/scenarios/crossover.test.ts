// spec §9.7, §9.8 (piecrust tests/crossover.rs, debugger.rs)
import { describe, expect, test } from 'vitest';
import { call, deploy, idFromBytes, newVm, t } from './support';

const ONE = idFromBytes([1]);
const TWO = idFromBytes([2]);

describe('crossover', () => {
  test('XOVER-1 crossover: re-entrant writes of a failed subtree are reverted', async () => {
    const s = (await newVm()).session();
    deploy(s, 'crossover', { contractId: ONE });
    deploy(s, 'crossover', { contractId: TWO });
    call(
      s,
      ONE,
      'check_consistent_state_on_errors',
      t.tuple(t.contractId, t.i32, t.i32, t.i32),
      [TWO, 42, 314, 272],
      t.unit,
    );
    expect(call(s, ONE, 'crossover', t.unit, null, t.i32)).toBe(42);
    expect(call(s, TWO, 'crossover', t.unit, null, t.i32)).toBe(0);
  });

  test('XOVER-2 iccs_dont_rollback: the caller keeps what it wrote before a failing ICC', async () => {
    const s = (await newVm()).session();
    deploy(s, 'crossover', { contractId: ONE });
    deploy(s, 'crossover', { contractId: TWO });
    call(s, ONE, 'check_iccs_dont_rollback', t.tuple(t.contractId, t.i32), [TWO, 42], t.unit);
    expect(call(s, ONE, 'crossover', t.unit, null, t.i32)).toBe(42);
  });
});

describe('debugger', () => {
  test('DEBUG-1 debug output is collected for the session', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'debugger');
    call(s, id, 'debug', t.string, 'Hello world', t.unit);
    expect(s.debugLog()).toEqual(['What a string! Hello world']);
  });
});
