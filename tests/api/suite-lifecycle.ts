/**
 * The InspectorApi suite, continued (see suite.ts): deploy sources and progress events, and the
 * lifecycle of workspaces and commits on store files (reopen, bad files, finalize, delete, an
 * interrupted call). Registered inside apiSuite's describe, on the same connection.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type {
  ApiEvents,
  CommitNode,
  ContractIdHex,
  InspectorApi,
  RootHex,
} from '../../engine/api/types';
import {
  BUILD,
  checkFile,
  MAX_GAS,
  PAGE,
  rejection,
  sleep,
  storePath,
  wasmHex,
  type Connection,
} from './suite-support';

export function lifecycleTests(connection: () => Connection): void {
  let c: Connection;
  let api: InspectorApi;
  beforeAll(() => {
    c = connection();
    api = c.api;
  });

  /** What the API shows of a contract in a commit: its memory info and every written page. */
  async function committedState(
    root: RootHex,
    contract: ContractIdHex,
  ): Promise<{ info: unknown; pages: string[] }> {
    const info = await api.memory({ commit: root, contract });
    const pages: string[] = [];
    for (const page of info.pages)
      pages.push(
        await api.readMemory({ commit: root, contract, offset: page * PAGE, length: PAGE }),
      );
    return { info, pages };
  }

  async function deployCounter(session: string): Promise<ContractIdHex> {
    const deployed = await api.deploy({ session, source: { kind: 'sample', name: 'counter' } });
    expect(deployed.ok).toBe(true);
    return deployed.contractId!;
  }

  async function readCounter(base: RootHex, counter: ContractIdHex): Promise<string | undefined> {
    const s = await api.openSession({ base });
    const read = await api.call({ session: s.id, contract: counter, fn: 'read_value' });
    await api.closeSession({ session: s.id });
    return read.data;
  }

  test('callProgress brackets each deploy and call with started then finished, failed calls too', async () => {
    const s = await api.openSession({});
    const seen: Array<ApiEvents['callProgress']> = [];
    const off = c.on('callProgress', (e) => {
      if (e.session === s.id) seen.push(e);
    });
    const counter = await deployCounter(s.id);
    expect(seen.map((e) => [e.phase, e.fn])).toEqual([
      ['started', 'deploy'],
      ['finished', 'deploy'],
    ]);

    seen.length = 0;
    expect((await api.call({ session: s.id, contract: counter, fn: 'increment' })).ok).toBe(true);
    expect(seen).toEqual([
      { session: s.id, phase: 'started', fn: 'increment', contract: counter },
      { session: s.id, phase: 'finished', fn: 'increment', contract: counter },
    ]);

    seen.length = 0;
    const failed = await api.call({ session: s.id, contract: counter, fn: 'no_such_fn' });
    expect(failed.ok).toBe(false);
    expect(seen).toEqual([
      { session: s.id, phase: 'started', fn: 'no_such_fn', contract: counter },
      { session: s.id, phase: 'finished', fn: 'no_such_fn', contract: counter },
    ]);
    off();
    await api.closeSession({ session: s.id });
  });

  test('deploy from bytes: the 0x-hex of a .wasm deploys the same contract as its file; bad bytes are refused', async () => {
    const a = await api.openSession({});
    const b = await api.openSession({});
    const fromBytes = await api.deploy({
      session: a.id,
      source: { kind: 'bytes', hex: wasmHex('counter'), name: 'counter.wasm' },
    });
    expect(fromBytes.ok).toBe(true);
    const fromFile = await api.deploy({
      session: b.id,
      source: { kind: 'file', path: `${BUILD}counter.wasm` },
    });
    // Same bytecode, same id (its blake3), whatever the source.
    expect(fromBytes.contractId).toMatch(/^[0-9a-f]{64}$/);
    expect(fromBytes.contractId).toBe(fromFile.contractId);
    const [viaBytes] = await api.contracts({ session: a.id });
    const [viaFile] = await api.contracts({ session: b.id });
    expect(viaBytes).toEqual(viaFile);
    expect(viaBytes.exports).toEqual(['increment', 'read_value']);
    const counter = fromBytes.contractId!;
    await api.call({ session: a.id, contract: counter, fn: 'increment' });
    expect((await api.call({ session: a.id, contract: counter, fn: 'read_value' })).data).toBe(
      '0xfd00000000000000',
    );

    // The bytes travel as hex: base64 is refused before anything runs.
    const base64 = readFileSync(`${BUILD}counter.wasm`).toString('base64');
    const refused = await rejection(
      api.deploy({ session: a.id, source: { kind: 'bytes', hex: base64 } }),
    );
    expect(refused.code).toBe('InvalidInput');
    expect(refused.message).toMatch(/^not a hex byte string: "AGFzbQ/);
    // Hex that is not a wasm module is deployed and fails as an engine result.
    const notWasm = await api.deploy({
      session: a.id,
      source: { kind: 'bytes', hex: '0x00010203' },
    });
    expect(notWasm).toMatchObject({ ok: false, error: { code: 'RuntimeError' } });
    expect(notWasm.error?.message).toContain('not a WebAssembly module');
    expect(notWasm.contractId).toBeUndefined();
    expect((await api.contracts({ session: a.id })).map((x) => x.id)).toEqual([counter]);
    await api.closeSession({ session: a.id });
    await api.closeSession({ session: b.id });
  });

  test('workspace round trip: new store file, commit, close, open again and the commit is there; recent files newest first', async () => {
    const first = storePath('first.pis');
    const second = storePath('second.pis');
    const changed: string[] = [];
    const off = c.on('workspaceChanged', (w) => changed.push(w.path));
    try {
      expect(await api.newWorkspace({ path: first })).toMatchObject({
        path: first,
        commits: 0,
        sessions: 0,
      });
      expect(existsSync(first)).toBe(true);
      const s = await api.openSession({});
      const counter = await deployCounter(s.id);
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
      const saved = await api.commit({ session: s.id, label: 'saved' });
      expect(await api.workspace()).toMatchObject({ path: first, commits: 1, sessions: 0 });

      expect(await api.closeWorkspace()).toMatchObject({
        path: ':memory:',
        commits: 0,
        sessions: 0,
      });
      expect(await api.commitGraph()).toEqual([]);
      expect(existsSync(`${first}-lock`)).toBe(false); // the file is released

      await api.newWorkspace({ path: second });
      expect((await api.recentWorkspaces()).slice(0, 2)).toEqual([second, first]);
      expect(await api.openWorkspace({ path: first })).toMatchObject({
        path: first,
        commits: 1,
        sessions: 0,
      });
      // Reopening moves the file to the front; each file is listed once.
      const recent = await api.recentWorkspaces();
      expect(recent.slice(0, 2)).toEqual([first, second]);
      expect(recent.filter((p) => p === first)).toHaveLength(1);

      expect(await api.commitGraph()).toEqual([saved]);
      expect((await api.journal({ commit: saved.root })).map((j) => j.kind)).toEqual([
        'deploy',
        'call',
      ]);
      expect(await readCounter(saved.root, counter)).toBe('0xfd00000000000000');
      expect(changed).toEqual([first, ':memory:', second, first]);
    } finally {
      off();
      await api.closeWorkspace();
    }
    expect(await checkFile(first)).toEqual({ ok: true, commits: 1 });
  });

  test('opening a file that is not a store fails with a clear error and leaves the current workspace usable', async () => {
    const current = storePath();
    const dir = mkdtempSync(join(tmpdir(), 'pi-api-files-'));
    const notAStore = join(dir, 'notes.txt');
    writeFileSync(notAStore, 'hello, not a store\n');
    const missing = join(dir, 'missing.pis');
    await api.newWorkspace({ path: current });
    try {
      const s = await api.openSession({});
      const counter = await deployCounter(s.id);
      const recentBefore = await api.recentWorkspaces();

      expect(await rejection(api.openWorkspace({ path: notAStore }))).toMatchObject({
        code: 'PersistenceError',
        message: `${notAStore}: not a piecrust store (no "PCRSTORE" magic in the 19-byte file)`,
      });
      expect(readFileSync(notAStore, 'utf8')).toBe('hello, not a store\n');
      expect(existsSync(`${notAStore}-lock`)).toBe(false);
      expect(await rejection(api.openWorkspace({ path: missing }))).toMatchObject({
        code: 'InvalidInput',
        message: `no store file at ${missing}`,
      });
      expect(existsSync(missing)).toBe(false);
      expect(await rejection(api.newWorkspace({ path: notAStore }))).toMatchObject({
        code: 'InvalidInput',
        message: `${notAStore} already exists`,
      });

      // Opening the store already open keeps it, and its session (Open Recent on the current
      // file): no reopening, which would trip over its own lock.
      expect(await api.openWorkspace({ path: current })).toMatchObject({
        path: current,
        sessions: 1,
      });

      // Still the same workspace, with its open session, and the same recent list.
      expect(await api.workspace()).toMatchObject({ path: current, sessions: 1 });
      expect(await api.recentWorkspaces()).toEqual(recentBefore);
      expect((await api.call({ session: s.id, contract: counter, fn: 'increment' })).ok).toBe(true);
      const node = await api.commit({ session: s.id, label: 'after the failed opens' });
      expect((await api.commitGraph()).map((n) => n.root)).toEqual([node.root]);
    } finally {
      await api.closeWorkspace();
    }
    expect(await checkFile(current)).toEqual({ ok: true, commits: 1 });
  });

  test('finalize: the commit stays readable but is refused as a session base, its child still works, and it persists', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    try {
      const s = await api.openSession({});
      const counter = await deployCounter(s.id);
      const parent = await api.commit({ session: s.id, label: 'parent' });
      const t = await api.openSession({ base: parent.root });
      await api.call({ session: t.id, contract: counter, fn: 'increment' });
      const child = await api.commit({ session: t.id, label: 'child' });
      const parentState = await committedState(parent.root, counter);

      const changes: Array<ApiEvents['commitsChanged']> = [];
      const off = c.on('commitsChanged', (e) => changes.push(e));
      await api.finalizeCommit({ root: parent.root });
      off();
      expect(changes).toEqual([{ reason: 'finalized', root: parent.root }]);

      const finalizedGraph = (): Promise<Array<[string, boolean]>> =>
        api.commitGraph().then((g) => g.map((n) => [n.label, n.finalized]));
      expect(await finalizedGraph()).toEqual([
        ['parent', true],
        ['child', false],
      ]);
      expect(await rejection(api.openSession({ base: parent.root }))).toMatchObject({
        code: 'PersistenceError',
        message: `No such base commit: ${parent.root}`,
      });
      expect(await committedState(parent.root, counter)).toEqual(parentState);
      expect(await readCounter(child.root, counter)).toBe('0xfd00000000000000');

      await api.closeWorkspace();
      await api.openWorkspace({ path });
      expect(await finalizedGraph()).toEqual([
        ['parent', true],
        ['child', false],
      ]);
      expect(await rejection(api.openSession({ base: parent.root }))).toMatchObject({
        code: 'PersistenceError',
      });
      expect(await readCounter(child.root, counter)).toBe('0xfd00000000000000');
    } finally {
      await api.closeWorkspace();
    }
    expect(await checkFile(path)).toEqual({ ok: true, commits: 2 });
  });

  test('delete: a commit an open session holds goes only when that session ends; one nobody holds goes at once; the file forgets both', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    try {
      const s = await api.openSession({});
      const counter = await deployCounter(s.id);
      const kept = await api.commit({ session: s.id, label: 'kept' });
      // Two children of `kept` with different states (equal states would share one root).
      const branch = async (label: string, increments: number): Promise<CommitNode> => {
        const t = await api.openSession({ base: kept.root });
        for (let i = 0; i < increments; i++)
          await api.call({ session: t.id, contract: counter, fn: 'increment' });
        return api.commit({ session: t.id, label });
      };
      const held = await branch('held', 1);
      const loose = await branch('loose', 2);
      expect(loose.root).not.toBe(held.root);
      const deleted: RootHex[] = [];
      const off = c.on('commitsChanged', (e) => {
        if (e.reason === 'deleted') deleted.push(e.root);
      });

      const holder = await api.openSession({ base: held.root });
      let done = false;
      const deleting = api.deleteCommit({ root: held.root }).then(() => {
        done = true;
      });
      await sleep(300);
      expect(done).toBe(false);
      expect((await api.commitGraph()).map((n) => n.label)).toEqual(['kept', 'held', 'loose']);
      // The holder keeps working on its base meanwhile.
      expect(
        (await api.call({ session: holder.id, contract: counter, fn: 'read_value' })).data,
      ).toBe('0xfd00000000000000');
      await api.closeSession({ session: holder.id });
      await deleting;
      expect(deleted).toEqual([held.root]);

      await api.deleteCommit({ root: loose.root });
      expect(deleted).toEqual([held.root, loose.root]);
      expect((await api.commitGraph()).map((n) => n.label)).toEqual(['kept']);
      // Deleting or finalizing it again says it is gone (piecrust itself would do nothing).
      for (const act of [api.deleteCommit, api.finalizeCommit])
        expect(await rejection(act.call(api, { root: loose.root }))).toMatchObject({
          code: 'InvalidInput',
          message: `no commit ${loose.root} in ${path} (1 commit)`,
        });
      expect(deleted).toEqual([held.root, loose.root]); // and no event for it
      off();
      for (const gone of [held.root, loose.root]) {
        expect(await rejection(api.openSession({ base: gone }))).toMatchObject({
          code: 'PersistenceError',
          message: `No such base commit: ${gone}`,
        });
        expect(await rejection(api.contracts({ commit: gone }))).toMatchObject({
          code: 'PersistenceError',
          message: `No such commit: ${gone}`,
        });
      }

      await api.closeWorkspace();
      await api.openWorkspace({ path });
      expect((await api.commitGraph()).map((n) => n.root)).toEqual([kept.root]);
      expect(await readCounter(kept.root, counter)).toBe('0xfc00000000000000');
    } finally {
      await api.closeWorkspace();
    }
    expect(await checkFile(path)).toEqual({ ok: true, commits: 1 });
  });

  test('an interrupted call on a store file leaves the committed state byte for byte, keeps the session, and the file reopens clean', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    try {
      const s = await api.openSession({});
      const counter = await deployCounter(s.id);
      const spun = await api.deploy({
        session: s.id,
        source: { kind: 'bytes', hex: wasmHex('spin'), name: 'spin.wasm' },
      });
      const spin = spun.contractId!;
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
      const committed = await api.commit({ session: s.id, label: 'before the spin' });
      const graphBefore = await api.commitGraph();
      const contractsBefore = await api.contracts({ commit: committed.root });
      const counterBefore = await committedState(committed.root, counter);
      const spinBefore = await committedState(committed.root, spin);
      expect(counterBefore.pages.length).toBeGreaterThan(0);

      const victim = await api.openSession({ base: committed.root });
      // Uncommitted work in the session, kept through the interrupt.
      await api.call({ session: victim.id, contract: counter, fn: 'increment' });
      const progress: string[] = [];
      let started!: () => void;
      const spinStarted = new Promise<void>((r) => (started = r));
      const off = c.on('callProgress', (e) => {
        if (e.session !== victim.id || e.fn !== 'spin') return;
        progress.push(e.phase);
        if (e.phase === 'started') started();
      });
      const running = api.call({ session: victim.id, contract: spin, fn: 'spin', gas: MAX_GAS });
      await spinStarted;
      await sleep(300); // well into the loop
      expect((await api.listSessions()).find((x) => x.id === victim.id)?.busy).toBe(true);
      expect(progress).toEqual(['started']);
      await api.interrupt({ session: victim.id });
      const result = await running;
      off();
      expect(result).toMatchObject({ ok: false, error: { code: 'Interrupted' } });
      expect(progress).toEqual(['started', 'finished']);
      // The session goes on with its earlier increment (0xfe + 1), not the spin's write.
      const read = await api.call({ session: victim.id, contract: counter, fn: 'read_value' });
      expect(read.data).toBe('0xff00000000000000');
      await api.closeSession({ session: victim.id });

      expect(await api.commitGraph()).toEqual(graphBefore);
      expect(await api.contracts({ commit: committed.root })).toEqual(contractsBefore);
      expect(await committedState(committed.root, counter)).toEqual(counterBefore);
      expect(await committedState(committed.root, spin)).toEqual(spinBefore);
      expect(await readCounter(committed.root, counter)).toBe('0xfe00000000000000');

      await api.closeWorkspace();
      expect(existsSync(`${path}-lock`)).toBe(false);
      expect(await checkFile(path)).toEqual({ ok: true, commits: 1 });
      await api.openWorkspace({ path });
      expect(await api.commitGraph()).toEqual(graphBefore);
      expect(await committedState(committed.root, counter)).toEqual(counterBefore);
      expect(await readCounter(committed.root, counter)).toBe('0xfe00000000000000');
    } finally {
      await api.closeWorkspace();
    }
  });
}
