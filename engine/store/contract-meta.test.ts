// Contracts' names and attached drivers (contract-meta.ts) live beside the state in the store:
// durable on their own (no commit), kept through reopen (checkpointed or replayed), compaction,
// garbage collection and a rebuild from the log; a torn last record is dropped like any other;
// a v4 store migrates. In memory the same, for the same calls.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { toContractId, type ContractId } from '../core/ids';
import { createVm } from '../vm/vm';
import { checkStore } from './check';
import type { CommitStore } from './commit-store';
import { driverHash } from './contract-meta';
import { encodeRecord, RecordKind } from './file-format';
import { openFileStore } from './file-store';
import { rebuildIndex } from './log-rebuild';
import { MemoryCommitStore } from './memory-store';
import { SCHEMA_VERSION } from './sql-migrations';
import { StoreFile } from './store-file';
import { recordsOf } from '../testing/fault-testing';
import { counterBytecode, GAS, OWNER, tempDir } from '../testing/store-testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function storePath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'state.pcstore');
}

const A = toContractId(new Uint8Array(32).fill(1));
const B = toContractId(new Uint8Array(32).fill(2));
const DRIVER = new Uint8Array(3000).map((_, i) => (i * 7) % 251);
const OTHER_DRIVER = new Uint8Array(100).fill(9);

/** A named with DRIVER, renamed; B with the same driver (stored once) and then another. */
async function writeMeta(store: CommitStore): Promise<void> {
  await store.writeContractMeta(A, { name: 'first', driver: driverHash(DRIVER) }, DRIVER);
  await store.writeContractMeta(A, { name: 'counter', driver: driverHash(DRIVER) });
  await store.writeContractMeta(B, { name: 'box', driver: driverHash(DRIVER) }, DRIVER);
  await store.writeContractMeta(B, { name: 'box', driver: driverHash(OTHER_DRIVER) }, OTHER_DRIVER);
}

function expectMeta(store: CommitStore): void {
  expect(store.getContractMeta(A)).toEqual({ name: 'counter', driver: driverHash(DRIVER) });
  expect(store.getContractMeta(B)).toEqual({ name: 'box', driver: driverHash(OTHER_DRIVER) });
  expect(store.getDriver(driverHash(DRIVER))).toEqual(DRIVER);
  expect(store.getDriver(driverHash(OTHER_DRIVER))).toEqual(OTHER_DRIVER);
  expect([...store.listContractMeta().keys()].sort()).toEqual([A, B].sort());
  expect(store.getContractMeta(toContractId(new Uint8Array(32).fill(3)))).toBeUndefined();
}

describe.each([
  ['in memory', async () => new MemoryCommitStore() as CommitStore],
  ['in a store file', async () => (await openFileStore(storePath())) as CommitStore],
])('contract metadata %s', (_name, open) => {
  test('the last write of a contract wins; drivers by their hash', async () => {
    const store = await open();
    cleanups.push(() => store.close());
    await writeMeta(store);
    expectMeta(store);
  });

  test('driver bytes that are not the named driver are refused, nothing stored', async () => {
    const store = await open();
    cleanups.push(() => store.close());
    await expect(
      store.writeContractMeta(A, { name: 'x', driver: driverHash(DRIVER) }, OTHER_DRIVER),
    ).rejects.toThrow(`driver bytes (100) hash to ${driverHash(OTHER_DRIVER)}`);
    await expect(store.writeContractMeta(A, { driver: driverHash(DRIVER) })).rejects.toThrow(
      'is not stored and no bytes were given',
    );
    expect(store.getContractMeta(A)).toBeUndefined();
  });

  test('naming a contract changes no state root', async () => {
    const store = await open();
    const vm = await createVm({ store });
    cleanups.push(() => vm.close());
    const s = vm.session();
    const id = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
    await store.writeContractMeta(id, { name: 'counter' });
    const root = await s.commit();
    const plain = await createVm();
    cleanups.push(() => plain.close());
    const p = plain.session();
    p.deploy(await counterBytecode(), { owner: OWNER }, GAS);
    expect(await p.commit()).toBe(root);
    expect(store.getContractMeta(id)).toEqual({ name: 'counter' });
  });
});

describe('contract metadata in a store file', () => {
  test.each([true, false])(
    'survives close and reopen (checkpoint: %s), then compaction and a rebuild from the log',
    async (checkpoint) => {
      const path = storePath();
      const store = await openFileStore(path);
      await writeMeta(store);
      await store.close({ checkpoint });
      // The driver both contracts used is stored once.
      expect(recordsOf(path, RecordKind.Driver)).toHaveLength(2);
      expect(recordsOf(path, RecordKind.ContractMeta)).toHaveLength(4);

      const reopened = await openFileStore(path);
      cleanups.push(() => reopened.close());
      expectMeta(reopened);
      expect(checkStore(reopened).ok).toBe(true);
      await reopened.checkpoint();
      await reopened.collectGarbage();
      const { bytesAfter, bytesBefore } = await reopened.compact();
      expect(bytesAfter).toBeLessThan(bytesBefore);
      expectMeta(reopened);
      expect(checkStore(reopened).ok).toBe(true);
      await reopened.close();
      // After compaction: the last record of each contract only, and both drivers still used.
      expect(recordsOf(path, RecordKind.ContractMeta)).toHaveLength(2);
      expect(recordsOf(path, RecordKind.Driver)).toHaveLength(2);
      const again = await openFileStore(path, { readOnly: true });
      cleanups.push(() => again.close());
      expectMeta(again);
      const file = StoreFile.open(path, true);
      const rebuilt = await rebuildIndex(file);
      file.close();
      expect(rebuilt.index.getContractMeta(A)).toEqual({
        name: 'counter',
        driver: driverHash(DRIVER),
      });
      rebuilt.index.close();
    },
  );

  test('a driver no contract names any more is collected and compacted away', async () => {
    const path = storePath();
    const store = await openFileStore(path);
    cleanups.push(() => store.close());
    await store.writeContractMeta(A, { name: 'a', driver: driverHash(DRIVER) }, DRIVER);
    expect(store.stats().drivers).toBe(1);
    await store.writeContractMeta(A, { name: 'a' });
    const gc = await store.collectGarbage();
    expect(store.stats().drivers).toBe(0);
    expect(gc.blobsRemoved).toBe(1);
    expect(store.getDriver(driverHash(DRIVER))).toBeUndefined();
    await store.compact();
    expect(recordsOf(path, RecordKind.Driver)).toHaveLength(0);
    expect(store.getContractMeta(A)).toEqual({ name: 'a' });
  });

  test('a torn last metadata record (past the durable length) is ignored, then dropped by a writer', async () => {
    const path = storePath();
    const store = await openFileStore(path);
    await store.writeContractMeta(A, { name: 'kept' });
    await store.close({ checkpoint: false });
    const size = readFileSync(path).length;
    // A rename whose append a crash cut short: half its record, the superblock not moved.
    const record = encodeRecord(
      RecordKind.ContractMeta,
      new Uint8Array(32).fill(1),
      new TextEncoder().encode(JSON.stringify({ name: 'lost' })),
    );
    appendFileSync(path, record.subarray(0, record.length - 5));
    const reader = await openFileStore(path, { readOnly: true });
    expect(reader.getContractMeta(A)).toEqual({ name: 'kept' });
    await reader.close();
    const writer = await openFileStore(path);
    expect(writer.getContractMeta(A)).toEqual({ name: 'kept' });
    expect(checkStore(writer).ok).toBe(true);
    await writer.close({ checkpoint: false });
    expect(readFileSync(path).length).toBe(size);
  });

  test('a v4 store opens, migrates to the latest schema (6) and takes names', async () => {
    const path = storePath();
    const old = await openFileStore(path, { schemaVersion: 4 });
    const vm = await createVm({ store: old });
    const s = vm.session();
    const id: ContractId = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
    const root = await s.commit('v4');
    await expect(old.writeContractMeta(id, { name: 'x' })).rejects.toThrow(
      'the index is at schema 4; contract names need 5',
    );
    await vm.close();
    const store = await openFileStore(path);
    cleanups.push(() => store.close());
    expect(SCHEMA_VERSION).toBe(6);
    expect(store.stats().schemaVersion).toBe(6);
    expect(store.getCommit(root)?.label).toBe('v4');
    await store.writeContractMeta(id, { name: 'counter' });
    expect(store.getContractMeta(id)).toEqual({ name: 'counter' });
  });
});
