/**
 * The InspectorApi suite, continued (see suite.ts): gas profiles (issue 13). A profiled call is
 * a call (same result, gas, events; recorded in the journal) whose profile by WebAssembly
 * function adds up to its gasSpent exactly, with an inter-contract call as its own named frame;
 * two kept profiles diff; a kept profile exports as folded stacks and speedscope JSON whose
 * figures sum to the same gas.
 */
import { beforeAll, expect, test } from 'vitest';
import type { InspectorApi, ProfileNodeView } from '../../engine/api/types';
import { readFileSync } from 'node:fs';
import { samplesDirectory } from '../../engine/api/samples';
import { failingContract } from '../../engine/testing/failing-contract';
import { rejection, type Connection } from './suite-support';

const hexOf = (bytes: Uint8Array): string => '0x' + Buffer.from(bytes).toString('hex');

/** Every node's total is its self plus its children's totals. */
function addsUp(node: ProfileNodeView): boolean {
  const children = node.children.reduce((n, c) => n + BigInt(c.total), 0n);
  return BigInt(node.total) === BigInt(node.self) + children && node.children.every(addsUp);
}

const names = (node: ProfileNodeView): string[] => [node.name, ...node.children.flatMap(names)];

export function profileTests(connection: () => Connection): void {
  let api: InspectorApi;
  beforeAll(() => {
    api = connection().api;
  });

  test('a profiled call is the call, and its profile adds up to its gas with the callee as its own frame', async () => {
    const s = await api.openSession({});
    const deploy = async (name: string) =>
      (await api.deploy({ session: s.id, source: { kind: 'sample', name } })).contractId!;
    const counter = await deploy('counter');
    const center = await deploy('callcenter');
    const base = (await api.commit({ session: s.id, label: 'profiles' })).root;
    const profiled = await api.openSession({ base });
    const arg = { value: { contractId: counter } };
    const { result, profile } = await api.profileCall({
      session: profiled.id,
      contract: center,
      fn: 'increment_counter',
      arg,
    });
    expect(result.ok).toBe(true);
    expect(profile.gasSpent).toBe(result.gasSpent);
    expect(profile.root.total).toBe(result.gasSpent);
    expect(addsUp(profile.root)).toBe(true);
    expect(profile.root).toMatchObject({ kind: 'contract', name: 'callcenter.increment_counter' });
    expect(names(profile.root)).toContain('counter.increment');
    // The table of functions: every function once per contract, its self gas summing to the
    // call's, the most self gas first, and the entry frame's total the whole call.
    const selfs = profile.functions.map((f) => BigInt(f.self));
    expect(selfs.reduce((n, g) => n + g, 0n).toString()).toBe(result.gasSpent);
    expect(selfs).toEqual([...selfs].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)));
    expect(profile.functions.find((f) => f.name === 'callcenter.increment_counter')).toMatchObject({
      kind: 'contract',
      total: result.gasSpent,
      calls: 1,
    });
    expect((await api.journal({ session: profiled.id })).at(-1)).toMatchObject({
      fn: 'increment_counter',
      gasSpent: result.gasSpent,
    });
    // The same call unprofiled, on the same state: the same outcome.
    const twin = await api.openSession({ base });
    const plain = await api.call({
      session: twin.id,
      contract: center,
      fn: 'increment_counter',
      arg,
    });
    expect({ ...plain, root: undefined }).toEqual({ ...result, root: undefined });
    expect(plain.root).toBe(result.root);
    await api.closeSession({ session: profiled.id });
    await api.closeSession({ session: twin.id });
  });

  test('two profiles diff by function; a profile exports as folded stacks and speedscope JSON', async () => {
    const s = await api.openSession({});
    const fib = (await api.deploy({ session: s.id, source: { kind: 'sample', name: 'fibonacci' } }))
      .contractId!;
    const run = (n: number) =>
      api.profileCall({ session: s.id, contract: fib, fn: 'nth', arg: { value: { u32: n } } });
    const small = await run(5);
    const big = await run(10);
    expect(big.profile.id).not.toBe(small.profile.id);
    const diff = await api.profileDiff({ a: small.profile.id, b: big.profile.id });
    const selfSum = diff.functions.reduce((n, f) => n + BigInt(f.selfDelta), 0n);
    expect(selfSum).toBe(BigInt(big.result.gasSpent!) - BigInt(small.result.gasSpent!));
    const magnitudes = diff.functions.map((f) => {
      const d = BigInt(f.selfDelta);
      return d < 0n ? -d : d;
    });
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)));
    expect(diff.tree.delta).toBe(
      (BigInt(big.result.gasSpent!) - BigInt(small.result.gasSpent!)).toString(),
    );

    const folded = await api.exportProfile({ id: big.profile.id, format: 'folded' });
    expect(folded.fileName).toMatch(/\.folded$/);
    const lines = folded.text.trim().split('\n');
    const foldedSum = lines.reduce((n, l) => n + BigInt(l.slice(l.lastIndexOf(' ') + 1)), 0n);
    expect(foldedSum.toString()).toBe(big.result.gasSpent);
    const speedscope = await api.exportProfile({ id: big.profile.id, format: 'speedscope' });
    expect(speedscope.fileName).toMatch(/\.speedscope\.json$/);
    const file = JSON.parse(speedscope.text) as { profiles: Array<{ weights: number[] }> };
    expect(file.profiles[0].weights.reduce((n, w) => n + w, 0).toString()).toBe(
      big.result.gasSpent,
    );
    const missing = await rejection(api.exportProfile({ id: 'profile999999', format: 'folded' }));
    expect(missing.message).toContain('no profile profile999999');
    await api.closeSession({ session: s.id });
  });
}

export function recordedProfileTests(connection: () => Connection): void {
  let api: InspectorApi;
  beforeAll(() => {
    api = connection().api;
  });

  test('a recorded call is profiled again on the state it started from, in a session and in a commit, and matches its recorded gas', async () => {
    const s = await api.openSession({});
    const deploy = async (name: string) =>
      (await api.deploy({ session: s.id, source: { kind: 'sample', name } })).contractId!;
    const counter = await deploy('counter');
    const center = await deploy('callcenter');
    for (let i = 0; i < 3; i++)
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
    const nested = await api.call({
      session: s.id,
      contract: center,
      fn: 'increment_counter',
      arg: { value: { contractId: counter } },
    });
    const read = await api.call({ session: s.id, contract: counter, fn: 'read_value' });
    const journal = await api.journal({ session: s.id });
    const index = (fn: string) => journal.filter((c) => c.fn === fn).at(-1)!.index;
    const before = (await api.listSessions()).find((x) => x.id === s.id)!;

    const again = await api.profileJournalCall({ session: s.id, call: index('increment_counter') });
    expect(again).toMatchObject({
      matched: true,
      recordedGas: nested.gasSpent,
      gasSpent: nested.gasSpent,
      journalCall: { source: { session: s.id }, call: index('increment_counter') },
    });
    expect(again.root.name).toBe('callcenter.increment_counter');
    expect(names(again.root)).toContain('counter.increment');
    expect(addsUp(again.root)).toBe(true);
    expect(again.label).toContain(`call #${index('increment_counter')}`);
    // Re-running changed nothing: the session's state and journal are as they were.
    expect((await api.listSessions()).find((x) => x.id === s.id)).toEqual(before);
    expect(await api.journal({ session: s.id })).toEqual(journal);

    // The read after three increments and one through callcenter reads 4: the re-run went
    // through every entry before it.
    const commit = await api.commit({ session: s.id, label: 'recorded' });
    const fromCommit = await api.profileJournalCall({
      commit: commit.root,
      call: index('read_value'),
    });
    expect(fromCommit).toMatchObject({ matched: true, gasSpent: read.gasSpent });
    expect(await api.diff({ from: { commit: commit.root }, to: { commit: commit.root } })).toEqual(
      [],
    );

    // The exported profile of a re-run adds up like any other.
    const folded = await api.exportProfile({ id: again.id, format: 'folded' });
    const sum = folded.text
      .trim()
      .split('\n')
      .reduce((n, l) => n + BigInt(l.slice(l.lastIndexOf(' ') + 1)), 0n);
    expect(sum.toString()).toBe(nested.gasSpent);
  });

  test('a recorded call re-runs with the session meta its journal recorded, from the session and from its commit alike', async () => {
    const s = await api.openSession({ meta: { height: { u64: '29000' } } });
    const everest = (
      await api.deploy({
        session: s.id,
        source: { kind: 'bytes', hex: hexOf(readFileSync(`${samplesDirectory()}everest.wasm`)) },
      })
    ).contractId!;
    const read = await api.call({ session: s.id, contract: everest, fn: 'get_height' });
    const call = (await api.journal({ session: s.id })).at(-1)!.index;
    const again = await api.profileJournalCall({ session: s.id, call });
    // Without the height the contract would read None, a shorter result, and spend other gas.
    expect(again).toMatchObject({ matched: true, gasSpent: read.gasSpent });
    // The commit keeps the journal, and with each call the meta it ran with.
    const { root } = await api.commit({ session: s.id, label: 'with meta' });
    const fromCommit = await api.profileJournalCall({ commit: root, call });
    expect(fromCommit).toMatchObject({ matched: true, gasSpent: read.gasSpent });
  });

  test('a failed recorded call is profiled to its failure; a deploy or a missing entry is refused with what the journal holds', async () => {
    const s = await api.openSession({});
    const panics = await api.deploy({
      session: s.id,
      source: { kind: 'bytes', hex: hexOf(await failingContract()), name: 'failing' },
    });
    const failed = await api.call({
      session: s.id,
      contract: panics.contractId!,
      fn: 'write_panic',
      gas: '10000',
    });
    expect(failed.ok).toBe(false);
    const journal = await api.journal({ session: s.id });
    const call = journal.at(-1)!.index;
    const again = await api.profileJournalCall({ session: s.id, call });
    expect(again).toMatchObject({ matched: true, gasSpent: failed.gasSpent, gasLimit: '10000' });
    expect(again.root.name).toBe('failing.write_panic');
    expect(addsUp(again.root)).toBe(true);

    const onDeploy = await rejection(api.profileJournalCall({ session: s.id, call: 0 }));
    expect(onDeploy.message).toBe(
      `journal entry 0 is not a recorded call (the journal holds ${journal.length} entries; entry 0 is a deploy)`,
    );
    const past = await rejection(api.profileJournalCall({ session: s.id, call: 99 }));
    expect(past.message).toContain(`the journal holds ${journal.length} entries`);
    const unknown = await rejection(api.profileJournalCall({ session: 'nope', call: 0 }));
    expect(unknown.message).toContain('no open session "nope"');
    await api.closeSession({ session: s.id });
  });
}
