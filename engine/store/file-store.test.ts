// The file store through the engine API: reopen, read-only snapshots, spec §9.22 PERSIST-1/2.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { bytesToHex, type ContractId, type Root } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { t } from '../rkyv';
import { createVm } from '../vm/vm';
import { checkStore } from './check';
import type { CommitBatch } from './commit-store';
import { openFileStore } from './file-store';
import {
  builtContract,
  counterBytecode,
  fill,
  firstWord,
  GAS,
  increment,
  OWNER,
  pagesBytecode,
  peek,
  readCounter,
  tempDir,
} from '../testing/store-testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function storePath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'state.pcstore');
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('file store: reopen', () => {
  test('every commit, page and journal survives close and reopen; sessions read the old values', async () => {
    const path = storePath();
    const vm = await createVm({ store: path });
    let s = vm.session();
    const counter = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
    const pages = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
    const roots: Root[] = [await s.commit('genesis')];
    for (let i = 1; i <= 6; i++) {
      s = vm.session({ base: roots[i - 1] });
      increment(s, counter);
      fill(s, pages, i, 1000 + i);
      roots.push(await s.commit(`c${i}`));
    }
    const before = vm.commitRecords();
    await vm.close();

    const again = await createVm({ store: path });
    expect(again.commitRecords()).toEqual(before);
    for (let i = 0; i <= 6; i++) {
      s = again.session({ base: roots[i] });
      expect(readCounter(s, counter)).toBe(0xfcn + BigInt(i));
      for (let page = 1; page <= 6; page++)
        expect(peek(s, pages, page, 0)).toBe(page <= i ? firstWord(1000 + page) : 0);
      s.close();
    }
    const report = checkStore(again.store);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, commits: 7 });
    await again.close();
  });

  test('blobs, modules and journals written directly come back byte for byte; identical pages are stored once', async () => {
    const path = storePath();
    const store = await openFileStore(path);
    const page = new Uint8Array(65536).map((_, i) => i % 251);
    const pageKey = bytesToHex(blake3(page));
    const batch = (root: string, journal: string): CommitBatch => ({
      commit: {
        root: root as Root,
        parent: null,
        indexRoot: '0'.repeat(64),
        contractCount: 0,
        createdAt: 1,
        label: root.slice(0, 4),
        finalized: false,
      },
      nodes: new Map(),
      pages: new Map([[pageKey, page]]),
      bytecodes: new Map([
        [bytesToHex(blake3(new Uint8Array([1, 2, 3]))), new Uint8Array([1, 2, 3])],
      ]),
      modules: new Map([['abc:1', new Uint8Array([9, 9])]]),
      journal: new TextEncoder().encode(journal),
    });
    await store.writeCommit(batch('11'.repeat(32), 'first journal'));
    const afterOne = store.stats();
    await store.writeCommit(batch('22'.repeat(32), 'second journal'));
    const afterTwo = store.stats();
    expect(afterTwo.pages).toBe(1);
    // The second commit shares the page, bytecode and module: it adds a journal and its record.
    expect(afterTwo.fileBytes - afterOne.fileBytes).toBeLessThan(300);
    expect(store.commitSummary('11'.repeat(32) as Root)).toMatchObject({ pagesWritten: 1 });
    expect(store.commitSummary('22'.repeat(32) as Root)).toMatchObject({ pagesWritten: 0 });
    await store.close();

    const reopened = await openFileStore(path);
    expect(reopened.getPage(pageKey)).toEqual(page);
    expect(reopened.getModule('abc:1')).toEqual(new Uint8Array([9, 9]));
    expect(new TextDecoder().decode(reopened.getJournal('22'.repeat(32) as Root))).toBe(
      'second journal',
    );
    expect(reopened.getJournal('33'.repeat(32) as Root)).toBeUndefined();
    expect(reopened.listCommits().map((c) => c.label)).toEqual(['1111', '2222']);
    await reopened.close();
  });

  test('a commit of one changed page costs about one page on disk, less when compressible', async () => {
    const path = storePath();
    const store = await openFileStore(path);
    const vm = await createVm({ store });
    let s = vm.session();
    const id = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
    let root = await s.commit();
    const perPage = async (words: number, firstPage: number): Promise<number> => {
      const before = store.stats().fileBytes;
      let pagesWritten = 0;
      for (let i = 0; i < 8; i++) {
        s = vm.session({ base: root });
        fill(s, id, firstPage + (i % 4), words * 10 + i + 1, words);
        root = await s.commit();
        pagesWritten += store.commitSummary(root)?.pagesWritten ?? 0;
      }
      return (store.stats().fileBytes - before) / pagesWritten;
    };
    // Each commit changes the filled page and the argument page (page 0, mostly zeros).
    expect(await perPage(16384, 1)).toBeLessThan(1.1 * 65536); // random, incompressible
    expect(await perPage(256, 5)).toBeLessThan(8 * 1024);
    await vm.close();
  });
});

describe('file store: read-only snapshots and PERSIST (spec §9.22)', () => {
  test('a read-only store sees the commits durable at its opening and refuses writes', async () => {
    const path = storePath();
    const writer = await createVm({ store: path });
    let s = writer.session();
    const id = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
    const c1 = await s.commit();
    const reader = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    s = writer.session({ base: c1 });
    increment(s, id);
    const c2 = await s.commit();
    expect(reader.commits()).toEqual([c1]);
    expect(writer.commits()).toEqual([c1, c2].sort());
    s = reader.session({ base: c1 });
    increment(s, id);
    const error = await rejection(s.commit());
    expect(isPiecrustError(error, 'PersistenceError')).toBe(true);
    expect(error.message).toContain('read-only');
    await reader.close();
    await writer.close();
  });

  const counter = builtContract('counter');
  const box = builtContract('box');
  const haveContracts = counter !== undefined && box !== undefined;

  async function genesis(path: string): Promise<{
    c1: Root;
    ids: [ContractId, ContractId];
    vm: Awaited<ReturnType<typeof createVm>>;
  }> {
    const vm = await createVm({ store: path });
    const s = vm.session();
    const counterId = s.deploy(
      counter!,
      { owner: OWNER, contractId: bytesToHex(new Uint8Array(32).fill(1)) as ContractId },
      GAS,
    ).contractId;
    const boxId = s.deploy(
      box!,
      { owner: OWNER, contractId: bytesToHex(new Uint8Array(32).fill(2)) as ContractId },
      GAS,
    ).contractId;
    s.call(counterId, 'increment', t.unit, null, t.unit, GAS);
    s.call(boxId, 'set', t.i16, 0x11, t.unit, GAS);
    expect(s.call(counterId, 'read_value', t.unit, null, t.i64, GAS).value).toBe(0xfdn);
    expect(s.call(boxId, 'get', t.unit, null, t.option(t.i16), GAS).value).toBe(0x11);
    return { c1: await s.commit(), ids: [counterId, boxId], vm };
  }

  async function expectState(
    vm: Awaited<ReturnType<typeof createVm>>,
    root: Root,
    ids: [ContractId, ContractId],
    value: bigint,
    boxed: number,
  ): Promise<void> {
    const s = vm.session({ base: root });
    expect(s.call(ids[0], 'read_value', t.unit, null, t.i64, GAS).value).toBe(value);
    expect(s.call(ids[1], 'get', t.unit, null, t.option(t.i16), GAS).value).toBe(boxed);
    s.close();
  }

  test.skipIf(!haveContracts)('PERSIST-1 session_commits_persistence', async () => {
    const path = storePath();
    const { c1, ids, vm } = await genesis(path);
    const s = vm.session({ base: c1 });
    s.call(ids[0], 'increment', t.unit, null, t.unit, GAS);
    s.call(ids[1], 'set', t.i16, 0x12, t.unit, GAS);
    expect(s.call(ids[0], 'read_value', t.unit, null, t.i64, GAS).value).toBe(0xfen);
    expect(s.call(ids[1], 'get', t.unit, null, t.option(t.i16), GAS).value).toBe(0x12);
    const c2 = await s.commit();
    // Second and third VMs on the same file while the first is alive: read-only snapshots.
    const second = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    await expectState(second, c1, ids, 0xfdn, 0x11);
    const third = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    await expectState(third, c2, ids, 0xfen, 0x12);
    await Promise.all([second.close(), third.close(), vm.close()]);
  });

  test.skipIf(!haveContracts)(
    'PERSIST-2 contracts_persistence (and REBOOT-1: a new writer after close)',
    async () => {
      const path = storePath();
      const { c1, ids, vm } = await genesis(path);
      await vm.close();
      const again = await createVm({ store: path });
      await expectState(again, c1, ids, 0xfdn, 0x11);
      await again.close();
    },
  );
});
