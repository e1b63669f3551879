// The cost of a diff follows the change, not the state: node reads are counted on a store that
// wraps the real one, for two commits differing in one page among many contracts and pages.
import { describe, expect, test } from 'vitest';
import { hexToBytes, toContractId, type ContractId } from '../core/ids';
import { PAGE_TREE_32, ZERO_HASH } from '../merkle/sparse-tree';
import { INDEX_TRIE } from '../state/contract-index';
import type { CommitStore } from '../store/commit-store';
import { MemoryCommitStore } from '../store/memory-store';
import { contractWat, wat } from '../testing/wat';
import { createVm } from '../vm/vm';
import { diffIndexes } from './state-diff';

const OWNER = new Uint8Array(32);
const GAS = 100_000_000n;
const DATA_PAGES = 16;

/**
 * `bump(u32 offset)`: adds 1 to the u32 at `offset`. Bumping the same offset twice leaves the
 * argument buffer (page 0) as it was, so the second bump changes exactly one page.
 */
const bumper = (): Promise<Uint8Array> =>
  wat(
    contractWat(
      `(func (export "bump") (param i32) (result i32) (local $at i32)
        (local.set $at (i32.load (i32.const 0)))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (i32.const 0))`,
      { memory: `(memory (export "memory") ${DATA_PAGES + 1})` },
    ),
  );

/** A store whose node reads are counted (everything else passes through). */
function countingNodeReads(inner: CommitStore): { store: CommitStore; reads: () => number } {
  let reads = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'getNode')
        return (key: string) => {
          reads++;
          return target.getNode(key);
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { store, reads: () => reads };
}

const offsetArg = (offset: number): Uint8Array => {
  const arg = new Uint8Array(4);
  new DataView(arg.buffer).setUint32(0, offset, true);
  return arg;
};

/**
 * `contracts` contracts with every data page written, committed as `a`; then the last page of
 * one contract bumped again, committed as `b`. Returns the node reads of diff(a, b), and of a
 * diff of `a` against the empty state (which has to read every node of `a`).
 */
async function measureDiff(contracts: number): Promise<{ oneChange: number; everything: number }> {
  const counted = countingNodeReads(new MemoryCommitStore());
  const vm = await createVm({ store: counted.store });
  const bytecode = await bumper();
  const lastPage = offsetArg(DATA_PAGES * 65536);
  const ids: ContractId[] = [];
  const g = vm.session();
  for (let c = 0; c < contracts; c++) {
    const id = new Uint8Array(32);
    new DataView(id.buffer).setUint32(0, c * 0x9e3779b1, true); // spread over the index trie
    ids.push(g.deploy(bytecode, { owner: OWNER, contractId: toContractId(id) }, GAS).contractId);
    for (let p = 1; p <= DATA_PAGES; p++) g.callRaw(ids[c], 'bump', offsetArg(p * 65536), GAS);
  }
  const a = await g.commit();
  const s = vm.session({ base: a });
  const target = ids[contracts >> 1];
  s.callRaw(target, 'bump', lastPage, GAS);
  const b = await s.commit();

  const before = counted.reads();
  const diff = vm.diffCommits(a, b);
  const oneChange = counted.reads() - before;
  expect(diff).toHaveLength(1);
  expect(diff[0]).toMatchObject({
    contract: target,
    status: 'changed',
    pages: { added: [], removed: [], changed: [DATA_PAGES] },
  });

  const indexRoot = hexToBytes(vm.commitRecords().find((c) => c.root === a)!.indexRoot);
  const start = counted.reads();
  const all = diffIndexes(counted.store, ZERO_HASH, indexRoot);
  const everything = counted.reads() - start;
  expect(all).toHaveLength(contracts);
  expect(all.every((d) => d.pages.added.length === DATA_PAGES + 1)).toBe(true); // + the argument page
  await vm.close();
  return { oneChange, everything };
}

describe('diff cost', () => {
  test('two commits differing in one page: O(depth) node reads, whatever the size of the state', async () => {
    const small = await measureDiff(4);
    const large = await measureDiff(128);
    // Per side: one node per level of the contract index trie, the contract's record, and one
    // node per level of its page tree. Nothing else is read.
    const depthBound = 2 * (INDEX_TRIE.height + 1 + PAGE_TREE_32.height);
    expect(large.oneChange).toBeLessThanOrEqual(depthBound);
    // The same reads on 4 contracts as on 128: the equal subtrees are skipped unread.
    expect(large.oneChange).toBe(small.oneChange);
    // Whereas walking the whole state of 128 × 17 pages reads far more (so the counter counts).
    expect(large.everything).toBeGreaterThan(128 * (PAGE_TREE_32.height + 1));
    expect(large.everything).toBeGreaterThan(20 * large.oneChange);
  });
});
