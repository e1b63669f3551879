// checkStore finds each kind of damage, on any CommitStore.
import { describe, expect, test } from 'vitest';
import { bytesToHex, hexToBytes, toContractId, type Root } from '../core/ids';
import { HASH_LEN } from '../merkle/sparse-tree';
import { INDEX_TRIE } from '../state/contract-index';
import { decodeContractRecord, encodeContractRecord } from '../state/contract-record';
import { createVm } from '../vm/vm';
import { checkStore, formatCheckReport, type CheckProblemKind } from './check';
import type { CommitStore } from './commit-store';
import { driverHash } from './contract-meta';
import { MemoryCommitStore } from './memory-store';
import { fill, GAS, OWNER, pagesBytecode } from '../testing/store-testing';

/** A store with two commits of one contract that has written pages 1 and 2. */
async function sample(): Promise<{ store: MemoryCommitStore; roots: Root[] }> {
  const store = new MemoryCommitStore();
  const vm = await createVm({ store });
  let s = vm.session();
  const id = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
  fill(s, id, 1, 5);
  const r1 = await s.commit();
  s = vm.session({ base: r1 });
  fill(s, id, 2, 6);
  return { store, roots: [r1, await s.commit()] };
}

/** The store seen through `tamper`, which may replace or hide blobs. */
function damaged(
  store: CommitStore,
  tamper: Partial<Pick<CommitStore, 'getNode' | 'getPage' | 'getBytecode' | 'getDriver'>>,
): CommitStore {
  return {
    location: 'tampered',
    getCommit: (r) => store.getCommit(r),
    listCommits: () => store.listCommits(),
    getNode: (k) => (tamper.getNode ?? ((key: string) => store.getNode(key)))(k),
    getPage: (k) => (tamper.getPage ?? ((key: string) => store.getPage(key)))(k),
    getBytecode: (k) => (tamper.getBytecode ?? ((key: string) => store.getBytecode(key)))(k),
    getModule: (k) => store.getModule(k),
    getJournal: (r) => store.getJournal(r),
    writeCommit: (b) => store.writeCommit(b),
    deleteCommit: (r) => store.deleteCommit(r),
    finalizeCommit: (r) => store.finalizeCommit(r),
    getContractMeta: (id) => store.getContractMeta(id),
    listContractMeta: () => store.listContractMeta(),
    getDriver: (h) => (tamper.getDriver ?? ((hash: string) => store.getDriver(hash)))(h),
    writeContractMeta: (id, meta, bytes) => store.writeContractMeta(id, meta, bytes),
    close: () => store.close(),
  };
}

function kinds(store: CommitStore): CheckProblemKind[] {
  return [...new Set(checkStore(store).problems.map((p) => p.kind))].sort();
}

/** The contract record of the newest commit: its key and bytes. */
function newestRecord(store: CommitStore, root: Root): { key: string; bytes: Uint8Array } {
  let value = hexToBytes(store.getCommit(root)!.indexRoot);
  for (let depth = 0; depth < INDEX_TRIE.height; depth++) {
    const children = store.getNode(bytesToHex(value))!;
    const c = [...Array(INDEX_TRIE.arity).keys()].find((i) =>
      children.subarray(i * HASH_LEN, (i + 1) * HASH_LEN).some((b) => b !== 0),
    )!;
    value = children.slice(c * HASH_LEN, (c + 1) * HASH_LEN);
  }
  const key = bytesToHex(value);
  return { key, bytes: store.getNode(key)! };
}

describe('checkStore', () => {
  test("a contract's driver missing or altered", async () => {
    const { store } = await sample();
    const driver = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    const id = toContractId(new Uint8Array(32).fill(7));
    await store.writeContractMeta(id, { name: 'x', driver: driverHash(driver) }, driver);
    expect(kinds(store)).toEqual([]);
    expect(kinds(damaged(store, { getDriver: () => undefined }))).toEqual(['missing-driver']);
    expect(kinds(damaged(store, { getDriver: () => new Uint8Array(3) }))).toEqual(['bad-driver']);
  });

  test('a sound store', async () => {
    const { store } = await sample();
    const report = checkStore(store);
    expect(report).toMatchObject({ ok: true, commits: 2, bytecodes: 1, records: 0, problems: [] });
    expect(report.pages).toBeGreaterThanOrEqual(3);
    expect(formatCheckReport(report)).toContain('ok: no problems found');
  });

  test('missing and altered pages, nodes and bytecode', async () => {
    const { store, roots } = await sample();
    const pageKeys = new Set<string>();
    const probe = damaged(store, { getPage: (k) => (pageKeys.add(k), store.getPage(k)) });
    checkStore(probe);
    const [aPage] = pageKeys;
    expect(
      kinds(damaged(store, { getPage: (k) => (k === aPage ? undefined : store.getPage(k)) })),
    ).toEqual(['missing-page']);
    expect(
      kinds(
        damaged(store, {
          getPage: (k) => (k === aPage ? new Uint8Array(65536) : store.getPage(k)),
        }),
      ),
    ).toEqual(['bad-page']);
    expect(kinds(damaged(store, { getBytecode: () => undefined }))).toEqual(['missing-bytecode']);
    expect(kinds(damaged(store, { getBytecode: () => new Uint8Array([0, 97, 115, 109]) }))).toEqual(
      ['bad-bytecode'],
    );
    // The state root's own node: the commit's root is not the root of its contracts tree.
    expect(
      kinds(
        damaged(store, {
          getNode: (k) => (k === roots[1] ? new Uint8Array(64).fill(1) : store.getNode(k)),
        }),
      ),
    ).toEqual(['bad-node']);
    expect(
      kinds(damaged(store, { getNode: (k) => (k === roots[1] ? undefined : store.getNode(k)) })),
    ).toEqual(['missing-node']);
    const report = checkStore(damaged(store, { getPage: () => undefined }));
    expect(formatCheckReport(report)).toMatch(
      /missing-page \(commit [0-9a-f]{64}\): page 1 of contract [0-9a-f]{64} \([0-9a-f]{64}\) is missing\n/,
    );
    expect(formatCheckReport(report)).toMatch(/DAMAGED: \d+ problem\(s\)$/);
  });

  test('records that do not hash, do not decode, or disagree with the contracts tree', async () => {
    const { store, roots } = await sample();
    const { key, bytes } = newestRecord(store, roots[1]);
    // A record that decodes but names another page root: it no longer hashes to its key…
    const other = encodeContractRecord({
      ...decodeContractRecord(bytes),
      pageRoot: new Uint8Array(32).fill(3),
    });
    expect(
      kinds(damaged(store, { getNode: (k) => (k === key ? other : store.getNode(k)) })),
    ).toEqual(['bad-record']);
    // …and garbage does not decode.
    expect(
      kinds(damaged(store, { getNode: (k) => (k === key ? new Uint8Array(5) : store.getNode(k)) })),
    ).toEqual(['bad-record']);
    // A commit whose contract index is another commit's: sound blobs, inconsistent trees.
    const [c1, c2] = roots.map((r) => store.getCommit(r)!);
    const mixed = {
      ...damaged(store, {}),
      listCommits: () => [{ ...c1, indexRoot: c2.indexRoot }],
    };
    expect(kinds(mixed)).toEqual(['page-root-mismatch']);
    const noIndex = {
      ...damaged(store, {}),
      listCommits: () => [{ ...c1, indexRoot: '0'.repeat(64) }],
    };
    expect(kinds(noIndex)).toEqual(['leaf-without-record']);
  });
});
