// A recorded call re-profiled on the state it started from spends what it recorded; a journal
// whose figure differs says so.
import { expect, test } from 'vitest';
import { deploy, LIMIT, newVm, t } from '../../tests/scenarios/support';
import { encode } from '../rkyv';
import { checkProfile } from './profile-tree';
import { profileRecordedCall } from './recorded-call';

test('every recorded call of a session re-profiles to its recorded gas, failed ones too', async () => {
  const vm = await newVm();
  const base = vm.session();
  const counter = deploy(base, 'counter');
  const root = await base.commit();

  const s = vm.session({ base: root, journal: true });
  const center = deploy(s, 'callcenter');
  const eventer = deploy(s, 'eventer');
  const fallible = deploy(s, 'fallible_counter');
  const stack = deploy(s, 'stack');
  const unit = new Uint8Array(0);
  s.callRaw(counter, 'increment', unit, LIMIT);
  s.callRaw(center, 'increment_counter', encode(t.contractId, counter), LIMIT);
  for (let i = 0; i < 5; i++) s.callRaw(stack, 'push', encode(t.i32, i), LIMIT);
  s.callRaw(eventer, 'emit_events', encode(t.u32, 3), LIMIT);
  expect(() => s.callRaw(fallible, 'increment', encode(t.bool, true), LIMIT)).toThrow(/Panic/);
  expect(() => s.callRaw(eventer, 'emit_events', encode(t.u32, 3), 500n)).toThrow(/OutOfGas/);
  s.callRaw(stack, 'pop', unit, LIMIT);
  const journal = s.journal()!;
  const source = {
    bytecodeOf: (deployed: { contract: string }) => s.bytecodeOf(deployed.contract as never),
  };

  const calls = journal.calls.filter((c) => c.kind === 'call');
  expect(calls).toHaveLength(11);
  for (const call of calls) {
    const profile = profileRecordedCall(vm, journal, call.index, source);
    expect(checkProfile(profile), `${call.index} ${call.fn}`).toEqual([]);
    expect(profile.recordedGas).toBe(call.gasSpent);
    expect(profile.gasSpent, `${call.index} ${call.fn}`).toBe(call.gasSpent);
    expect(profile.matched).toBe(true);
    expect(profile.journalIndex).toBe(call.index);
    expect(profile.root.name.endsWith(`.${call.fn}`)).toBe(true);
  }

  // A journal whose figure is not what the call spends: not matched, both figures given.
  const last = calls.at(-1)!;
  const tampered = {
    ...journal,
    calls: journal.calls.map((c) => (c === last ? { ...c, gasSpent: c.gasSpent! + 1n } : c)),
  };
  const off = profileRecordedCall(vm, tampered, last.index, source);
  expect(off.matched).toBe(false);
  expect(off.recordedGas).toBe(off.gasSpent + 1n);

  expect(() => profileRecordedCall(vm, journal, 0, source)).toThrow(/entry 0 is a deploy/);
  expect(() =>
    profileRecordedCall(vm, journal, last.index, { bytecodeOf: () => undefined }),
  ).toThrow(
    /cannot re-run deploy 0 of contract [0-9a-f]{64}: its bytecode \(code hash [0-9a-f]{64}\) is not available/,
  );
  s.close();
});
