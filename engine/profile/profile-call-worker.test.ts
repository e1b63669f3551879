// profileCall is a session operation: on a worker thread it answers what it answers on the
// session's own thread, the profile's bigints and all, and the call is the call `call` makes.
import { expect, test } from 'vitest';
import { deploy, LIMIT, newVm, t } from '../../tests/scenarios/support';
import { encode } from '../rkyv';
import { WorkerSession } from '../threads/worker-session';
import { localSession, resultOf } from '../vm/async-session';
import { checkProfile } from './profile-tree';

test('a profiled call over a worker thread: the same outcome and profile as on the session thread', async () => {
  const vm = await newVm();
  const g = vm.session();
  const counter = deploy(g, 'counter');
  const center = deploy(g, 'callcenter');
  const base = await g.commit();

  const worker = await WorkerSession.open(vm, { base, journal: true });
  const local = localSession(vm.session({ base, journal: true }));
  const plain = localSession(vm.session({ base, journal: true }));
  const arg = encode(t.contractId, counter);
  const remote = await worker.profileCall(center, 'increment_counter', arg, LIMIT);
  const here = await local.profileCall(center, 'increment_counter', arg, LIMIT);
  const unprofiled = await plain.call(center, 'increment_counter', arg, LIMIT);

  expect(checkProfile(remote.profile)).toEqual([]);
  expect(remote.profile.gasSpent).toBeTypeOf('bigint');
  expect(remote.profile).toEqual(here.profile);
  const { profile: _, ...outcome } = remote;
  expect(outcome).toEqual(unprofiled);
  expect(remote.profile.gasSpent).toBe(resultOf(unprofiled).gasSpent);

  // A failed call: its error in the outcome, the profile adding up to the gas the error gives.
  const failed = await worker.profileCall(center, 'increment_counter', arg, 30n);
  expect(failed.error?.code).toBe('OutOfGas');
  expect(failed.profile.gasSpent).toBe(30n);
  expect(checkProfile(failed.profile)).toEqual([]);
  await worker.close();
  await local.close();
  await plain.close();
});
