/**
 * The InspectorApi suite, continued (see suite.ts): gas profiles (issue 13). A profiled call is
 * a call (same result, gas, events; recorded in the journal) whose profile by WebAssembly
 * function adds up to its gasSpent exactly, with an inter-contract call as its own named frame;
 * two kept profiles diff; a kept profile exports as folded stacks and speedscope JSON whose
 * figures sum to the same gas.
 */
import { beforeAll, expect, test } from 'vitest';
import type { InspectorApi, ProfileNodeView } from '../../engine/api/types';
import { rejection, type Connection } from './suite-support';

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
