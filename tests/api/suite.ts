/**
 * The InspectorApi test suite, run against every transport (in-process and WebSocket): the same
 * requests must give the same answers whichever way they travel.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  ApiEventName,
  ApiEvents,
  CommitNode,
  ContractIdHex,
  InspectorApi,
  RootHex,
  ScriptStepResult,
} from '../../engine/api/types';
import { checkStore } from '../../engine/store/check';
import { openFileStore } from '../../engine/store/file-store';

export interface Connection {
  api: InspectorApi;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): Promise<void>;
}

const EXAMPLE = new URL('../../examples/sessions.json', import.meta.url).pathname;
/** How many steps the example has: every one of them must run and pass. */
const EXAMPLE_STEPS = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] }).steps
  .length;
const BUILD = new URL('../../contracts/build/', import.meta.url).pathname;
const MAX_GAS = '18446744073709551615';
const PAGE = 65536;

/** A fresh path for a store file (not created). */
function storePath(name = 'state.pis'): string {
  return join(mkdtempSync(join(tmpdir(), 'pi-api-store-')), name);
}

/** A .wasm from contracts/build as the API's `bytes` source wants it: `0x`-prefixed hex. */
function wasmHex(name: string): string {
  return '0x' + readFileSync(`${BUILD}${name}.wasm`).toString('hex');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Verify a store file from its commits down, read-only (as `piecrust-inspector check` does). */
async function checkFile(path: string): Promise<{ ok: boolean; commits: number }> {
  const store = await openFileStore(path, { readOnly: true });
  try {
    const report = checkStore(store);
    return { ok: report.ok, commits: report.commits };
  } finally {
    await store.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

export function apiSuite(name: string, connect: () => Promise<Connection>): void {
  describe(`InspectorApi over ${name}`, () => {
    let c: Connection;
    let api: InspectorApi;
    beforeAll(async () => {
      c = await connect();
      api = c.api;
    });
    afterAll(async () => {
      await c.close();
    });

    test('workspace and samples', async () => {
      expect(await api.workspace()).toMatchObject({ path: ':memory:', commits: 0 });
      const samples = await api.samples();
      const counter = samples.find((s) => s.name === 'counter');
      expect(counter?.exports).toEqual(['increment', 'read_value']);
    });

    test('deploy, call, commit, branch, graph, diff, journal and stepping', async () => {
      const created: string[] = [];
      const off = c.on('commitCreated', (node) => created.push(node.label));
      const s1 = await api.openSession({ name: 'first session' });
      expect(s1).toMatchObject({ name: 'first session', base: null, contracts: [] });
      const deployed = await api.deploy({
        session: s1.id,
        source: { kind: 'sample', name: 'counter' },
        gas: '1000000',
      });
      expect(deployed.ok).toBe(true);
      const counter = deployed.contractId!;
      for (let i = 0; i < 3; i++)
        expect((await api.call({ session: s1.id, contract: counter, fn: 'increment' })).ok).toBe(
          true,
        );
      const read = await api.call({
        session: s1.id,
        contract: counter,
        fn: 'read_value',
        gas: '1000000',
      });
      expect(read).toMatchObject({ ok: true, data: '0xff00000000000000', gasLimit: '1000000' });
      expect(BigInt(read.gasSpent!)).toBeGreaterThan(0n);
      expect(read.callTree).toMatchObject({
        contract: counter,
        fn: 'read_value',
        limit: '1000000',
      });
      expect(await api.decodeValue({ hex: read.data!, type: 'i64' })).toMatchObject({
        text: '255',
      });
      const contracts = await api.contracts({ session: s1.id });
      expect(contracts).toMatchObject([
        { id: counter, exports: ['increment', 'read_value'], is64: false },
      ]);

      const first = await api.commit({ session: s1.id, label: 'first' });
      expect(await api.contracts({ commit: first.root })).toMatchObject([
        { id: counter, exports: ['increment', 'read_value'] },
      ]);
      expect(first).toMatchObject({ label: 'first', parent: null, contractsTouched: [counter] });
      expect((await api.listSessions()).map((s) => s.id)).not.toContain(s1.id);

      const a = await api.openSession({ base: first.root });
      await api.call({ session: a.id, contract: counter, fn: 'increment' });
      const second = await api.commit({ session: a.id, label: 'second' });
      const b = await api.openSession({ base: first.root, name: 'branch' });
      await api.call({ session: b.id, contract: counter, fn: 'increment' });
      await api.call({ session: b.id, contract: counter, fn: 'increment' });
      // A live session against its base, before committing.
      const live = await api.diff({ from: { commit: first.root }, to: { session: b.id } });
      expect(live.map((d) => [d.contract, d.status])).toEqual([[counter, 'changed']]);
      const branch = await api.commit({ session: b.id, label: 'branch' });

      const graph = await api.commitGraph();
      expect(graph.map((n) => n.label).sort()).toEqual(['branch', 'first', 'second']);
      expect(
        graph
          .filter((n) => n.parent === first.root)
          .map((n) => n.label)
          .sort(),
      ).toEqual(['branch', 'second']);
      expect(created).toEqual(['first', 'second', 'branch']);
      off();

      const diff = await api.diff({ from: { commit: second.root }, to: { commit: branch.root } });
      expect(diff).toHaveLength(1);
      const page = [...diff[0].pagesChanged, ...diff[0].pagesAdded][0];
      const pd = await api.pageDiff({
        from: { commit: second.root },
        to: { commit: branch.root },
        contract: counter,
        page,
      });
      expect(pd.ranges.length).toBeGreaterThan(0);
      const { start } = pd.ranges[0];
      expect(pd.before.slice(2 + 2 * start, 4 + 2 * start)).not.toBe(
        pd.after.slice(2 + 2 * start, 4 + 2 * start),
      );

      // The journal of the branch: its two increments, each stepped into.
      const journal = await api.journal({ commit: branch.root });
      expect(journal.map((j) => j.fn)).toEqual(['increment', 'increment']);
      const steps = journal[1].steps;
      expect(steps.map((st) => st.kind)).toEqual(['enter', 'exit']);
      const detail = await api.stepDetail({ commit: branch.root, call: 1, step: 1 });
      expect(detail.deltas.length).toBeGreaterThan(0);
      const d = detail.deltas.find((x) => x.contract === counter)!;
      const before = await api.pageAtStep({
        commit: branch.root,
        point: { call: 1, step: -1 },
        contract: counter,
        page: d.page,
      });
      const after = await api.pageAtStep({
        commit: branch.root,
        point: { call: 1, step: 1 },
        contract: counter,
        page: d.page,
      });
      expect(before).not.toBe(after);
      expect(after).toBe(
        (
          await api.pageDiff({
            from: { commit: first.root },
            to: { commit: branch.root },
            contract: counter,
            page: d.page,
          })
        ).after,
      );
      expect(
        (await api.stepsWritingPage({ commit: branch.root, contract: counter, page: d.page }))
          .length,
      ).toBe(2);

      const memory = await api.memory({ commit: branch.root, contract: counter });
      expect(memory.pages.length).toBeGreaterThan(0);
      expect(memory.memoryLen % 65536).toBe(0);
      const bytes = await api.readMemory({
        commit: branch.root,
        contract: counter,
        offset: memory.argBuffer,
        length: 8,
      });
      expect(bytes).toMatch(/^0x[0-9a-f]{16}$/);
    });

    test('engine errors come back as results, bad requests as errors with codes', async () => {
      const s = await api.openSession({});
      const bad = await api
        .deploy({ session: s.id, source: { kind: 'file', path: '/nonexistent.wasm' } })
        .catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'InvalidInput', message: 'no file at /nonexistent.wasm' });
      const fallible = (
        await api.deploy({ session: s.id, source: { kind: 'sample', name: 'fallible_counter' } })
      ).contractId!;
      const panic = await api.call({
        session: s.id,
        contract: fallible,
        fn: 'increment',
        arg: { value: { bool: true } },
      });
      expect(panic).toMatchObject({
        ok: false,
        error: { code: 'Panic', message: 'Panic: Incremental panic' },
      });
      const value = await api.call({ session: s.id, contract: fallible, fn: 'read_value' });
      expect(value.data).toBe('0xfc00000000000000');
      expect(
        await rejection(api.call({ session: 'nope', contract: fallible, fn: 'read_value' })),
      ).toMatchObject({
        code: 'InvalidInput',
        message: 'no open session "nope"',
      });
      expect(
        await rejection(
          api.call({ session: s.id, contract: fallible, fn: 'x', arg: { value: { u8: 300 } } }),
        ),
      ).toMatchObject({
        code: 'InvalidInput',
      });
      expect(await rejection(api.decodeValue({ hex: '0x02', type: 'bool' }))).toMatchObject({
        code: 'ValidationError',
      });
      expect(await rejection(api.openSession({ base: 'ab'.repeat(32) }))).toMatchObject({
        code: 'PersistenceError',
      });
      expect(await api.encodeValue({ value: { tuple: [{ u64: '5' }, { bool: true }] } })).toBe(
        '0x05000000000000000100000000000000',
      ); // (u64, bool): 16 bytes, align 8
      await api.closeSession({ session: s.id });
    });

    test('a script runs step by step; a session saves as a script that replays', async () => {
      const script = await api.loadScript({ path: EXAMPLE });
      expect(script).toMatchObject({ steps: EXAMPLE_STEPS, position: 0 });
      const first = await api.scriptStep({ script: script.id });
      expect(first).toMatchObject({ index: 0, op: 'session', passed: true });
      const changed: number[] = [];
      const off = c.on('sessionChanged', (info) => changed.push(info.calls));
      const rest = await api.scriptRun({ script: script.id });
      off();
      expect(rest).toHaveLength(EXAMPLE_STEPS - 1);
      expect(rest.filter((r) => !r.passed)).toEqual([]);
      // The sessions a script drives report their progress like any other.
      expect(changed.length).toBeGreaterThan(50);
      expect(Math.max(...changed)).toBeGreaterThanOrEqual(4);

      const s = await api.openSession({});
      const box = (await api.deploy({ session: s.id, source: { kind: 'sample', name: 'box' } }))
        .contractId!;
      await api.call({ session: s.id, contract: box, fn: 'set', arg: { value: { i16: 17 } } });
      await api.call({ session: s.id, contract: box, fn: 'get' });
      const dir = mkdtempSync(join(tmpdir(), 'pi-save-'));
      const saved = (await api.saveScript({ session: s.id, path: join(dir, 'saved.json') })) as {
        steps: unknown[];
      };
      expect(saved.steps).toHaveLength(4);
      expect(existsSync(join(dir, 'contract1.wasm'))).toBe(true);
      const replay = await api.loadScript({ path: join(dir, 'saved.json') });
      const results = await api.scriptRun({ script: replay.id });
      expect(results.map((r) => r.passed)).toEqual([true, true, true, true]);
    });

    test('a long call can be interrupted; the session is discarded, commits are untouched', async () => {
      const s = await api.openSession({});
      const spin = (
        await api.deploy({
          session: s.id,
          source: {
            kind: 'file',
            path: new URL('../../contracts/build/spin.wasm', import.meta.url).pathname,
          },
        })
      ).contractId!;
      const commitsBefore = (await api.commitGraph()).length;
      const closed: string[] = [];
      const off = c.on('sessionClosed', (e) => closed.push(e.reason));
      const running = api.call({
        session: s.id,
        contract: spin,
        fn: 'spin',
        gas: '18446744073709551615',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect((await api.listSessions()).find((x) => x.id === s.id)?.busy).toBe(true);
      await api.interrupt({ session: s.id });
      const result = await running;
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('SessionClosed');
      expect((await api.listSessions()).map((x) => x.id)).not.toContain(s.id);
      expect((await api.commitGraph()).length).toBe(commitsBefore);
      expect(closed.some((r) => r.startsWith('interrupted'))).toBe(true);
      off();
    });

    test('script steps say which session they acted on and where their call is in its journal', async () => {
      const script = await api.loadScript({
        json: {
          version: 1,
          steps: [
            { op: 'session', name: 's', base: 'genesis' },
            { op: 'deploy', session: 's', wasm: `${BUILD}fallible_counter.wasm`, name: 'counter' },
            {
              op: 'call',
              session: 's',
              contract: 'counter',
              fn: 'increment',
              arg: { bool: false },
            },
            // Refused before anything runs: nothing to record.
            {
              op: 'call',
              session: 's',
              contract: 'counter',
              fn: 'no_such_fn',
              expect: { error: 'RuntimeError' },
            },
            {
              op: 'call',
              session: 's',
              contract: 'counter',
              fn: 'increment',
              arg: { bool: true },
              expect: { error: 'Panic', panic: 'Incremental panic' },
            },
            { op: 'commit', session: 's', name: 'made' },
          ],
        },
      });
      const calls: number[] = [];
      const off = c.on('sessionChanged', (info) => calls.push(info.calls));
      const results: ScriptStepResult[] = [];
      for (let i = 0; i < 5; i++) results.push((await api.scriptStep({ script: script.id }))!);
      off();
      expect(results.filter((r) => !r.passed)).toEqual([]);
      const session = results[0].session!;
      expect(results.map((r) => r.session)).toEqual(Array(5).fill(session));
      // The panicking call ran and is recorded; the session list hears of it like of any other.
      expect(results.map((r) => r.journal)).toEqual([
        undefined,
        { source: { session }, call: 0 },
        { source: { session }, call: 1 },
        undefined,
        { source: { session }, call: 2 },
      ]);
      expect(calls.at(-1)).toBe(3);
      const live = await api.journal({ session });
      expect(live.map((j) => [j.kind, j.fn, j.error?.code])).toEqual([
        ['deploy', '', undefined],
        ['call', 'increment', undefined],
        ['call', 'increment', 'Panic'],
      ]);

      const committed = (await api.scriptStep({ script: script.id }))!;
      expect(committed).toMatchObject({ op: 'commit', passed: true, session });
      expect(committed.journal).toBeUndefined();
      // The same calls, at the same indexes, are now the journal of the commit.
      const kept = await api.journal({ commit: committed.root! });
      expect(kept.map((j) => [j.kind, j.fn])).toEqual(live.map((j) => [j.kind, j.fn]));
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
        expect((await api.call({ session: s.id, contract: counter, fn: 'increment' })).ok).toBe(
          true,
        );
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

    test('an interrupted call on a store file leaves the committed state byte for byte, and the file reopens clean', async () => {
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
        // Uncommitted work in the session, lost with it.
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
        expect(result).toMatchObject({ ok: false, error: { code: 'SessionClosed' } });
        expect(progress).toEqual(['started', 'finished']);

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
  });
}
