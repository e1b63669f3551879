// A call's gas and result can depend on the session's metadata (a contract reads the block height
// through `hd`), so the journal keeps, with each call, the meta it ran with: a re-run from a commit
// gives the call what it had, and a journal of an earlier format (none kept) still reads.
import { expect, test } from 'vitest';
import { call, deploy, newVm, t } from '../../tests/scenarios/support';
import { encode } from '../rkyv';
import { profileRecordedCall } from '../profile/recorded-call';
import { wrapJournal } from '../store/journal-container';
import { BinaryWriter } from './binary-io';
import { decodeJournal, encodeJournal } from './codec';

const height = (n: bigint): Uint8Array => encode(t.u64, n);

test('each recorded call keeps the meta it ran with, through the codec; re-runs use it and match', async () => {
  const vm = await newVm();
  const s = vm.session({ journal: true, meta: { height: height(29_000n) } });
  const everest = deploy(s, 'everest');
  const read = () => call(s, everest, 'get_height', t.unit, null, t.option(t.u64));
  expect(read()).toBe(29_000n);
  s.setMeta('height', height(7n));
  s.setMeta('chain', Uint8Array.of(1));
  expect(read()).toBe(7n);
  s.removeMeta('height');
  expect(read()).toBeNull();

  const journal = decodeJournal(encodeJournal(s.journal()!));
  expect(journal.calls.map((c) => c.meta)).toEqual([
    [['height', height(29_000n)]],
    [['height', height(29_000n)]],
    [
      ['chain', Uint8Array.of(1)],
      ['height', height(7n)],
    ],
    [['chain', Uint8Array.of(1)]],
  ]);

  // Re-run with nothing but the journal (as from a commit): every call spends what it recorded.
  const source = { bytecodeOf: () => s.bytecodeOf(everest) };
  const calls = journal.calls.filter((c) => c.kind === 'call');
  for (const c of calls) {
    const profile = profileRecordedCall(vm, journal, c.index, source);
    expect(profile.gasSpent, `call ${c.index}`).toBe(c.gasSpent);
    expect(profile.matched).toBe(true);
  }
  // The same journal without its meta, as earlier formats kept it: the first read runs without a
  // height, returns None (a shorter result) and spends other gas, said as not matched.
  const bare = { ...journal, calls: journal.calls.map(({ meta: _meta, ...c }) => c) };
  const without = profileRecordedCall(vm, bare, 1, source);
  expect(without.matched).toBe(false);
  expect(without.recordedGas).toBe(calls[0].gasSpent);
  s.close();
});

test('a format 3 journal (no meta with its calls) still decodes, its calls without meta', () => {
  const contract = 'ab'.repeat(32);
  const w = new BinaryWriter();
  w.u8(3).u8(0).u8(0).u32(1); // format, no base, no table, one call
  w.u32(0).u8(1).raw(Buffer.from(contract, 'hex'));
  w.str('f').bytes(Uint8Array.of(9)).u64(1000n);
  w.u8(1).u64(12n); // gas spent
  w.u8(0).u8(1).bytes(Uint8Array.of(5)); // table, result
  w.u8(0).u8(0).u8(0).u8(0); // error, codeHash, owner, explicitId
  w.f64(1).u32(0); // micros, no steps
  const journal = decodeJournal(wrapJournal([], w.finish()));
  expect(journal.calls).toHaveLength(1);
  expect(journal.calls[0]).toMatchObject({ fn: 'f', gasSpent: 12n, result: Uint8Array.of(5) });
  expect(journal.calls[0].meta).toBeUndefined();
});
