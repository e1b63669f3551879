// A session's replay log keeps every request that changed its state, profiled calls included,
// so a re-created session reaches the same state.
import { expect, test } from 'vitest';
import { bytecode, LIMIT, newVm, OWNER } from '../../tests/scenarios/support';
import { localSession, resultOf } from '../vm/async-session';
import { replay, ReplayLog } from './session-replay';

test('a profiled call is logged and replayed like a call: the re-created state is the same', async () => {
  const vm = await newVm();
  const log = new ReplayLog();
  const session = log.recording(localSession(vm.session()));
  const counter = resultOf(await session.deploy(bytecode('counter'), { owner: OWNER }, LIMIT));
  const none = new Uint8Array(0);
  await session.call(counter.contractId, 'increment', none, LIMIT);
  const profiled = await session.profileCall(counter.contractId, 'increment', none, LIMIT);
  expect(profiled.profile.gasSpent).toBe(resultOf(profiled).gasSpent);
  expect(log.replayable().map((s) => s.kind)).toEqual(['deploy', 'call', 'call']);

  const again = localSession(vm.session());
  await replay(again, log.replayable());
  expect((await again.summary()).root).toBe((await session.summary()).root);
  await session.close();
  await again.close();
});
