// The service's kept profiles: ids, the newest kept, a dropped id's error, and the view sent
// over the API with every figure as a u64 string (a bigint beyond 2^53 too).
import { expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import type { CallProfile } from '../profile/profile-tree';
import { ProfileKeeper } from './profile-keeper';
import { profileView } from './profile-views';

const BIG = 2n ** 60n + 7n;
const profile = (gas: bigint): CallProfile => ({
  root: {
    kind: 'contract',
    name: 'counter.increment',
    contract: 'ab'.repeat(32),
    self: 1n,
    total: gas,
    calls: 1,
    children: [
      {
        kind: 'function',
        name: 'inc',
        contract: 'ab'.repeat(32),
        funcIndex: 3,
        self: gas - 1n,
        total: gas - 1n,
        calls: 2,
        children: [],
      },
    ],
  },
  gasSpent: gas,
  gasLimit: BIG,
});

test('kept by id, the newest N; a dropped id says why and what to do', () => {
  const keeper = new ProfileKeeper(2);
  const a = keeper.keep({ label: 'a', profile: profile(10n) });
  const b = keeper.keep({ label: 'b', profile: profile(11n) });
  const c = keeper.keep({ label: 'c', profile: profile(12n) });
  expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  expect(keeper.get(c.id).label).toBe('c');
  expect(keeper.get(b.id).label).toBe('b');
  let error: unknown;
  try {
    keeper.get(a.id);
  } catch (e) {
    error = e;
  }
  expect(isPiecrustError(error, 'InvalidInput')).toBe(true);
  expect((error as Error).message).toContain('keeps the newest 2');
  keeper.clear();
  expect(() => keeper.get(c.id)).toThrow(/profile the call again/);
});

test('the view: figures as decimal strings, exact above 2^53, optional fields only when set', () => {
  const keeper = new ProfileKeeper();
  const kept = keeper.keep({ label: 'x', profile: profile(BIG), recordedGas: BIG, matched: true });
  const view = profileView(kept);
  expect(view).toMatchObject({
    gasSpent: BIG.toString(),
    gasLimit: BIG.toString(),
    recordedGas: BIG.toString(),
    matched: true,
  });
  expect(view.root.children[0]).toEqual({
    kind: 'function',
    name: 'inc',
    contract: 'ab'.repeat(32),
    funcIndex: 3,
    self: (BIG - 1n).toString(),
    total: (BIG - 1n).toString(),
    calls: 2,
    children: [],
  });
  expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  expect('recordedGas' in profileView(keeper.keep({ label: 'y', profile: profile(3n) }))).toBe(
    false,
  );
});
