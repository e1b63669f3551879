/**
 * The InspectorApi test suite, run against every transport (in-process and WebSocket): the same
 * requests must give the same answers whichever way they travel. This file: the main flows
 * (deploy, call, commit, branch, diff, step), errors, scripts and interrupts; the lifecycle of
 * contracts, workspaces and commits on store files is in suite-lifecycle.ts.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARGBUF_LEN, PAGE_SIZE } from '../../engine/core/abi';
import type { ServiceOptions } from '../../engine/api/service';
import type { InspectorApi, ScriptStepResult } from '../../engine/api/types';
import { commitPageTests } from './suite-commit-pages';
import { failedCallTests } from './suite-failed-calls';
import { journalPieceTests } from './suite-journal-pieces';
import { stepRowsTests } from './suite-step-rows';
import { gasTableTests } from './suite-gas-tables';
import { genesisTests } from './suite-genesis';
import { pageWriterTests } from './suite-page-writers';
import { lifecycleTests } from './suite-lifecycle';
import { userSessionTests } from './suite-session-names';
import { contractNameTests } from './suite-contract-names';
import { driverValueTests } from './suite-driver-values';
import { profileTests, recordedProfileTests } from './suite-profiles';
import { stuckCallTests } from './suite-stuck-calls';
import { BUILD, EXAMPLE, EXAMPLE_STEPS, rejection, type Connection } from './suite-support';

export type { Connection } from './suite-support';

/** `connect` opens a connection to a new service (made with `options`, for a few tests). */
export function apiSuite(
  name: string,
  connect: (options?: ServiceOptions) => Promise<Connection>,
): void {
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

    test("the workspace info carries piecrust's ABI sizes, from engine/core/abi.ts", async () => {
      const abi = { pageSize: PAGE_SIZE, argBufferLen: ARGBUF_LEN };
      expect((await api.workspace()).abi).toEqual(abi);
      const changed: unknown[] = [];
      const off = c.on('workspaceChanged', (w) => changed.push(w.abi));
      try {
        expect((await api.closeWorkspace()).abi).toEqual(abi);
        await expect.poll(() => changed).toEqual([abi]);
      } finally {
        off();
      }
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
      expect(bad).toMatchObject({
        code: 'InvalidInput',
        message: 'cannot read contract /nonexistent.wasm: no such file',
      });
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

    test('a session opened with meta saves as a script whose session step has that meta, so its calls replay as they ran', async () => {
      const s = await api.openSession({ meta: { height: { u64: '29000' } } });
      const everest = (
        await api.deploy({ session: s.id, source: { kind: 'file', path: `${BUILD}everest.wasm` } })
      ).contractId!;
      const read = await api.call({ session: s.id, contract: everest, fn: 'get_height' });
      expect(read.ok).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'pi-save-meta-'));
      const saved = (await api.saveScript({ session: s.id, path: join(dir, 'saved.json') })) as {
        steps: Array<{ op: string; meta?: Record<string, string> }>;
      };
      // 29000 as the u64 it was given in: 0x4871 little-endian.
      expect(saved.steps[0]).toMatchObject({
        op: 'session',
        meta: { height: '0x4871000000000000' },
      });
      const replay = await api.loadScript({ path: join(dir, 'saved.json') });
      const results = await api.scriptRun({ script: replay.id });
      expect(results.map((r) => [r.op, r.passed])).toEqual([
        ['session', true],
        ['deploy', true],
        ['call', true],
      ]);
      await api.closeSession({ session: s.id });
    });

    test('a long call can be interrupted: it fails and reverts, the session goes on, commits are untouched', async () => {
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
      const rootBefore = (await api.listSessions()).find((x) => x.id === s.id)!.root;
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
      expect(await api.interrupt({ session: s.id })).toEqual({ outcome: 'stopped' });
      const result = await running;
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('Interrupted');
      expect(result.error?.message).toContain('stopped on request');
      // The session is kept, as it was before the call, and takes the next one.
      const after = (await api.listSessions()).find((x) => x.id === s.id);
      expect(after).toMatchObject({ busy: false, root: rootBefore });
      expect(closed).toEqual([]);
      expect((await api.commitGraph()).length).toBe(commitsBefore);
      const again = await api.call({ session: s.id, contract: spin, fn: 'spin', gas: '1000' });
      expect(again.error?.code).toBe('OutOfGas');
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

    test('the journal from an index: the calls from there on, with their indexes, of a session and of a commit', async () => {
      const { id: session } = await api.openSession({});
      const { contractId } = await api.deploy({
        session,
        source: { kind: 'sample', name: 'counter' },
      });
      for (let i = 0; i < 3; i++)
        await api.call({ session, contract: contractId!, fn: 'increment' });
      const all = await api.journal({ session });
      expect(all.map((j) => j.index)).toEqual([0, 1, 2, 3]);
      expect(await api.journal({ session, from: 2 })).toEqual(all.slice(2));
      expect(await api.journal({ session, from: 4 })).toEqual([]);
      expect(await api.journal({ session, from: 0 })).toEqual(all);
      const { root } = await api.commit({ session });
      expect((await api.journal({ commit: root, from: 3 })).map((j) => [j.index, j.fn])).toEqual([
        [3, 'increment'],
      ]);
    });

    lifecycleTests(() => c);
    gasTableTests(() => c);
    userSessionTests(() => c);
    stuckCallTests(connect);
    failedCallTests(() => c);
    journalPieceTests(() => c);
    stepRowsTests(() => c);
    pageWriterTests(() => c);
    commitPageTests(connect);
    genesisTests(() => c);
    contractNameTests(() => c, connect);
    driverValueTests(() => c, connect);
    profileTests(() => c);
    recordedProfileTests(() => c);
  });
}
