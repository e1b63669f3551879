// spec §9.4 and §10: piecrust tests/commit.rs — the seed's "Sessions example".
import { describe, expect, test } from 'vitest';
import { encode } from '../../engine/rkyv';
import type { Root } from '../../engine/core/ids';
import { call, deploy, expectError, newVm, t } from './support';

const read = (s: Parameters<typeof call>[0], id: Parameters<typeof call>[1]): bigint =>
  call(s, id, 'read_value', t.unit, null, t.i64);
const increment = (s: Parameters<typeof call>[0], id: Parameters<typeof call>[1]): void => {
  call(s, id, 'increment', t.unit, null, t.unit);
};

describe('commit (sessions example)', () => {
  test('COMMIT-1 read_write_session: an uncommitted session leaves no trace', async () => {
    const vm = await newVm();
    const a = vm.session();
    const id = deploy(a, 'counter');
    expect(read(a, id)).toBe(0xfcn);
    increment(a, id);
    expect(read(a, id)).toBe(0xfdn);
    a.close();

    const b = vm.session();
    expect(deploy(b, 'counter')).toBe(id);
    expect(read(b, id)).toBe(0xfcn);
    increment(b, id);
    const root = await b.commit();

    const c = vm.session({ base: root });
    expect(read(c, id)).toBe(0xfdn);
  });

  test('COMMIT-2 commit_restore: sessions on old and new commits at once', async () => {
    const vm = await newVm();
    const s1 = vm.session();
    const id = deploy(s1, 'counter');
    expect(read(s1, id)).toBe(0xfcn);
    increment(s1, id);
    const c1 = await s1.commit();

    const s2 = vm.session({ base: c1 });
    expect(read(s2, id)).toBe(0xfdn);
    increment(s2, id);
    increment(s2, id);
    const c2 = await s2.commit();

    const on2 = vm.session({ base: c2 });
    const on1 = vm.session({ base: c1 });
    const on2again = vm.session({ base: c2 });
    expect(read(on2, id)).toBe(0xffn);
    expect(read(on1, id)).toBe(0xfdn);
    expect(read(on2again, id)).toBe(0xffn);
  });

  test('COMMIT-3 commit_restore_two_contracts_session', async () => {
    const vm = await newVm();
    const s = vm.session();
    const counter = deploy(s, 'counter');
    const box = deploy(s, 'box');
    increment(s, counter);
    call(s, box, 'set', t.i16, 0x11, t.unit);
    expect(read(s, counter)).toBe(0xfdn);
    expect(call(s, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
    const c1 = await s.commit();

    const s2 = vm.session({ base: c1 });
    increment(s2, counter);
    call(s2, box, 'set', t.i16, 0x12, t.unit);
    const c2 = await s2.commit();

    const on2 = vm.session({ base: c2 });
    expect(read(on2, counter)).toBe(0xfen);
    expect(call(on2, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x12);
    const on1 = vm.session({ base: c1 });
    expect(read(on1, counter)).toBe(0xfdn);
    expect(call(on1, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
  });

  test('COMMIT-4 multiple_commits', async () => {
    const vm = await newVm();
    const s1 = vm.session();
    const id = deploy(s1, 'counter');
    increment(s1, id);
    const c1 = await s1.commit();
    const s2 = vm.session({ base: c1 });
    increment(s2, id);
    increment(s2, id);
    const c2 = await s2.commit();
    expect(read(vm.session({ base: c1 }), id)).toBe(0xfdn);
    expect(read(vm.session({ base: c2 }), id)).toBe(0xffn);
  });

  test('COMMIT-5 root_equal_on_err: roots move together, a failed call moves nothing', async () => {
    const vm = await newVm();
    const g = vm.session();
    const center = deploy(g, 'callcenter');
    const counter = deploy(g, 'counter');
    const r = await g.commit();

    const x = vm.session({ base: r });
    const y = vm.session({ base: r });
    expect(x.root()).toBe(y.root());
    // `panik` takes `()`, which accepts any argument bytes: pass the counter id.
    expectError(
      () => x.callRaw(center, 'panik', encode(t.contractId, counter), 1_000_000n),
      'Panic',
      'panik',
    );
    expect(x.root()).toBe(y.root());
    call(x, center, 'increment_counter', t.contractId, counter, t.unit);
    call(y, center, 'increment_counter', t.contractId, counter, t.unit);
    expect(x.root()).toBe(y.root());
    expect(x.root()).not.toBe(r);
  });

  test('COMMIT-6 concurrent_sessions: six sessions on one base, deletes wait for their holders', async () => {
    const vm = await newVm();
    const g = vm.session();
    const id = deploy(g, 'counter');
    expect(read(g, id)).toBe(0xfcn);
    const base = await g.commit();
    expect(vm.commits()).toEqual([base]);

    // Six sessions on the same base, interleaved, each committing its own state.
    const sessions = [1, 2, 3, 4, 5, 6].map((n) => ({ n, s: vm.session({ base }) }));
    for (let round = 0; round < 6; round++) {
      for (const { n, s } of sessions) if (round < n) increment(s, id);
    }
    const roots = await Promise.all(sessions.map(({ s }) => s.commit()));
    expect(new Set(roots).size).toBe(6);
    expect(vm.commits()).toHaveLength(7);
    for (const [i, root] of roots.entries()) {
      const check = vm.session({ base: root });
      expect(read(check, id)).toBe(0xfcn + BigInt(i + 1));
      check.close();
    }

    // One session per new root; delete every root while its session still runs.
    const next = roots.map((root) => ({ root, s: vm.session({ base: root }), committed: false }));
    const deleted = next.map(({ root }, i) =>
      vm.deleteCommit(root).then(() => {
        expect(next[i].committed).toBe(true);
      }),
    );
    const newRoots: Root[] = [];
    for (const entry of next) {
      for (let k = 0; k < 100; k++) increment(entry.s, id);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const root = await entry.s.commit();
      entry.committed = true;
      newRoots.push(root);
    }
    await Promise.all(deleted);
    expect(new Set(newRoots).size).toBe(6);
    const listed = vm.commits();
    expect(listed).toHaveLength(7);
    expect(listed).toContain(base);
    for (const root of roots) expect(listed).not.toContain(root);
    // The commits made on deleted bases are intact.
    for (const [i, root] of newRoots.entries()) {
      expect(read(vm.session({ base: root }), id)).toBe(0xfcn + BigInt(i + 1) + 100n);
    }
  });

  test('COMMIT-10 session_move: a session built in a helper with metadata', async () => {
    const vm = await newVm();
    const make = () => {
      const s = vm.session({ meta: { height: encode(t.u64, 29_000n) } });
      return { s, id: deploy(s, 'everest') };
    };
    const { s, id } = make();
    // The test decodes the Option<u64> return as u64: the root is read from the last 8 bytes.
    expect(call(s, id, 'get_height', t.unit, null, t.u64)).toBe(29_000n);
  });

  test('a deleted base cannot start sessions; finalized commits leave the list', async () => {
    const vm = await newVm();
    const g = vm.session();
    const id = deploy(g, 'counter');
    const r1 = await g.commit();
    const s = vm.session({ base: r1 });
    increment(s, id);
    const r2 = await s.commit();
    await vm.finalizeCommit(r1);
    expect(vm.commits()).toEqual([r2]);
    expectError(() => vm.session({ base: r1 }), 'PersistenceError', `No such base commit: ${r1}`);
    const on2 = vm.session({ base: r2 });
    expect(read(on2, id)).toBe(0xfdn);
    const deleting = vm.deleteCommit(r2);
    expect(vm.commits()).toEqual([r2]); // still listed: the delete waits for `on2`
    on2.close();
    await deleting;
    expectError(() => vm.session({ base: r2 }), 'PersistenceError', 'No such base commit');
    await vm.deleteCommit(r2); // unknown roots are a no-op
  });
});
