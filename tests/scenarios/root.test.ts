// spec §9.23 (piecrust tests/root.rs)
import { describe, expect, test } from 'vitest';
import { verifyPageOpening } from '../../engine/vm/session';
import { call, deploy, newVm, t } from './support';

describe('root', () => {
  test('ROOT-1 state_root_calculation', async () => {
    const vm = await newVm();
    const s = vm.session();
    const counter = deploy(s, 'counter');
    call(s, counter, 'increment', t.unit, null, t.unit);
    const root1 = s.root();
    expect(await s.commit()).toBe(root1);
    const s2 = vm.session({ base: root1 });
    const box = deploy(s2, 'box');
    call(s2, box, 'set', t.i16, 0x11, t.unit);
    call(s2, counter, 'increment', t.unit, null, t.unit);
    const root2 = s2.root();
    expect(await s2.commit()).toBe(root2);
    expect(root2).not.toBe(root1);
    expect(vm.session({ base: root2 }).root()).toBe(root2);
  });

  test('ROOT-2 deterministic_commit_roots_for_same_sequence', async () => {
    const run = async (): Promise<string[]> => {
      const vm = await newVm();
      const s1 = vm.session();
      const counter = deploy(s1, 'counter');
      call(s1, counter, 'increment', t.unit, null, t.unit);
      const c1 = await s1.commit();
      const s2 = vm.session({ base: c1 });
      call(s2, counter, 'increment', t.unit, null, t.unit);
      call(s2, counter, 'increment', t.unit, null, t.unit);
      const c2 = await s2.commit();
      const s3 = vm.session({ base: c2 });
      const box = deploy(s3, 'box');
      call(s3, box, 'set', t.i16, 0x33, t.unit);
      return [c1, c2, await s3.commit()];
    };
    expect(await run()).toEqual(await run());
  });

  test('ROOT-3 inclusion_proofs', async () => {
    const s = (await newVm()).session();
    const box = deploy(s, 'box');
    call(s, box, 'set', t.i16, 0x11, t.unit);
    const [first1] = s.memoryPages(box)!;
    expect(verifyPageOpening(first1.opening, first1.bytes)).toBe(true);
    expect(first1.opening.tree.root).toEqual(new Uint8Array(Buffer.from(s.root(), 'hex')));
    // Setting the same value again changes the lowest page anyway (stack residue of the
    // first set's allocation), so neither opening verifies the other state's page.
    call(s, box, 'set', t.i16, 0x11, t.unit);
    const [first2] = s.memoryPages(box)!;
    expect(verifyPageOpening(first2.opening, first2.bytes)).toBe(true);
    expect(verifyPageOpening(first1.opening, first2.bytes)).toBe(false);
    expect(verifyPageOpening(first2.opening, first1.bytes)).toBe(false);
  });

  test('memory pages are undefined for contracts the session has not loaded', async () => {
    const vm = await newVm();
    const g = vm.session();
    const box = deploy(g, 'box');
    const r = await g.commit();
    const s = vm.session({ base: r });
    expect(s.memoryPages(box)).toBeUndefined();
    expect(s.memoryLen(box)).toBeGreaterThan(0);
    expect(s.memoryPages(box)!.length).toBeGreaterThan(0);
  });
});
