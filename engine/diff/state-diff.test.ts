import { describe, expect, test } from 'vitest';
import { call, deploy, newVm, t } from '../../tests/scenarios/support';
import { encode } from '../rkyv';
import { changedRanges } from './byte-ranges';

describe('diffs between commits', () => {
  // That equal subtrees are skipped unread is measured in diff-cost.test.ts.
  // bench/engine-bench.ts's root_single_page_ratio relies on it: one changed page, no other.
  test('pages.bump changes exactly one page: page 1, and not the argument page', async () => {
    const vm = await newVm();
    const g = vm.session();
    const pages = deploy(g, 'pages');
    call(g, pages, 'bump', t.unit, null, t.unit);
    const base = await g.commit();
    const s = vm.session({ base });
    call(s, pages, 'bump', t.unit, null, t.unit);
    const [diff] = s.diffBase();
    expect(diff.contract).toBe(pages);
    expect({ ...diff.pages }).toEqual({ added: [], changed: [1], removed: [] });
    expect(s.pageBytes(pages, 1)[65535]).toBe(4); // 2 from growing, then two bumps
  });

  test('commit vs commit: one changed contract and its changed pages', async () => {
    const vm = await newVm();
    const g = vm.session();
    const counter = deploy(g, 'counter');
    const box = deploy(g, 'box');
    const c1 = await g.commit();
    const s = vm.session({ base: c1 });
    call(s, counter, 'increment', t.unit, null, t.unit);
    const c2 = await s.commit();

    const diff = vm.diffCommits(c1, c2);
    expect(diff.map((d) => [d.contract, d.status])).toEqual([[counter, 'changed']]);
    const pages = diff[0].pages;
    expect(pages.added.length + pages.changed.length).toBeGreaterThan(0);
    expect(vm.diffCommits(c2, c2)).toEqual([]);
    void box;
    // The bytes behind it: the counter's value moved from 0xfc to 0xfd somewhere in a changed page.
    const page = [...pages.changed, ...pages.added][0];
    const ranges = changedRanges(vm.pageBytes(c1, counter, page), vm.pageBytes(c2, counter, page));
    expect(ranges.length).toBeGreaterThan(0);
  });

  test('across branches and with added contracts; reversed diffs mirror each other', async () => {
    const vm = await newVm();
    const g = vm.session();
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const left = vm.session({ base });
    call(left, counter, 'increment', t.unit, null, t.unit);
    const l = await left.commit();
    const right = vm.session({ base });
    const box = deploy(right, 'box');
    call(right, box, 'set', t.i16, 7, t.unit);
    const r = await right.commit();

    const diff = vm.diffCommits(l, r);
    const byId = Object.fromEntries(diff.map((d) => [d.contract, d]));
    expect(byId[box].status).toBe('added');
    expect(byId[box].pages.added.length).toBeGreaterThan(0);
    expect(byId[counter].status).toBe('changed');
    const back = vm.diffCommits(r, l);
    expect(Object.fromEntries(back.map((d) => [d.contract, d.status]))).toEqual({
      [box]: 'removed',
      [counter]: 'changed',
    });
    expect(back.find((d) => d.contract === counter)!.pages.changed).toEqual(
      byId[counter].pages.changed,
    );
  });

  test('a live session against its base', async () => {
    const vm = await newVm();
    const g = vm.session();
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const s = vm.session({ base });
    expect(s.diffBase()).toEqual([]);
    call(s, counter, 'increment', t.unit, null, t.unit);
    const diff = s.diffBase();
    expect(diff.map((d) => d.contract)).toEqual([counter]);
    const page = [...diff[0].pages.changed, ...diff[0].pages.added][0];
    expect(
      changedRanges(vm.pageBytes(base, counter, page), s.pageBytes(counter, page)).length,
    ).toBeGreaterThan(0);
    // Diffing does not disturb the session: it still commits to what root() said.
    const root = s.root();
    expect(await s.commit()).toBe(root);
  });

  test('pages never written read as zeros; bad pages and contracts are clear errors', async () => {
    const vm = await newVm();
    const g = vm.session();
    const grower = deploy(g, 'grower');
    g.callRaw(grower, 'append', encode(t.bytes, new Uint8Array(10)).subarray(0, 10), 1_000_000n);
    const c = await g.commit();
    const len = vm.session({ base: c }).memoryLen(grower)!;
    expect(vm.pageBytes(c, grower, len / 65536 - 1).length).toBe(65536);
    expect(() => vm.pageBytes(c, grower, len / 65536 + 5)).toThrow(/outside the memory/);
    expect(() => vm.pageBytes(c, 'ff'.repeat(32) as never, 0)).toThrow('Contract does not exist');
    expect(() => vm.diffCommits(c, 'ab'.repeat(32) as never)).toThrow('No such commit');
  });
});
