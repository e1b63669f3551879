/**
 * The InspectorApi suite, continued (see suite.ts): a call an interrupt cannot stop (inside a
 * host function) never costs the session on its own. `interrupt` reports it stuck and leaves it
 * running; only `terminateSession` ends it, and with `recreate` the session comes back (same id,
 * name, base and table) with its earlier calls run again, so only the stuck call is missing.
 * These run on a connection of their own, whose session workers block in the host query
 * "very_expensive" (engine/testing/stalling-session-worker.mjs) and whose grace is short.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiEvents, InspectorApi, InterruptResult } from '../../engine/api/types';
import type { ServiceOptions } from '../../engine/api/service';
import { STALLING_WORKER } from '../../engine/testing/stalling-worker';
import { BUILD, MAX_GAS, wasmHex, type Connection } from './suite-support';

/**
 * The grace of this connection: how long `interrupt` waits for a call to stop. Long enough that
 * a call that does stop (the spin, between two gas slices) is seen stopping on a busy machine
 * (100 ms was not, once, in a full parallel run), short enough that the stuck cases, which wait
 * it out, stay quick.
 */
const GRACE_MS = 1_500;

export function stuckCallTests(connect: (options: ServiceOptions) => Promise<Connection>): void {
  describe('a call that does not stop', () => {
    let c: Connection;
    let api: InspectorApi;
    const closed: Array<ApiEvents['sessionClosed']> = [];
    beforeAll(async () => {
      c = await connect({ workerEntry: STALLING_WORKER, interruptGraceMs: GRACE_MS });
      api = c.api;
      c.on('sessionClosed', (e) => closed.push(e));
    });
    afterAll(async () => {
      await c?.close();
    });

    const deploy = async (session: string, name: string): Promise<string> => {
      const r = await api.deploy({
        session,
        source: { kind: 'bytes', hex: wasmHex(name), name: `${name}.wasm` },
      });
      if (r.contractId === undefined) throw new Error(`deploy ${name}: ${r.error?.message}`);
      return r.contractId;
    };

    /**
     * Interrupt until the call is seen running (an interrupt that arrives before the call has
     * started finds nothing to stop), and return what the one that found it did.
     */
    const interruptRunning = async (session: string): Promise<InterruptResult> => {
      let result: InterruptResult = { outcome: 'idle' };
      await expect
        .poll(async () => (result = await api.interrupt({ session })).outcome)
        .not.toBe('idle');
      return result;
    };

    test('is reported stuck and left running; terminated with recreate, the session comes back with its earlier calls, state and journal', async () => {
      const s = await api.openSession({ name: 'work' });
      const counter = await deploy(s.id, 'counter');
      const host = await deploy(s.id, 'host');
      const spin = await deploy(s.id, 'spin');
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
      await api.call({ session: s.id, contract: counter, fn: 'increment' });
      // An interrupted call: in the journal, reverted, and not run again (it would run away).
      const spun = api.call({ session: s.id, contract: spin, fn: 'spin', gas: MAX_GAS });
      expect((await interruptRunning(s.id)).outcome).toBe('stopped');
      expect((await spun).error?.code).toBe('Interrupted');
      // Refused before it ran (no such function): not in the journal, refused again on replay.
      expect((await api.call({ session: s.id, contract: counter, fn: 'nope' })).ok).toBe(false);
      const journalBefore = await api.journal({ session: s.id });
      expect(journalBefore.map((j) => j.fn)).toEqual([
        '',
        '',
        '',
        'increment',
        'increment',
        'spin',
      ]);
      const before = (await api.listSessions()).find((x) => x.id === s.id)!;
      expect(before.recreations).toBe(0);

      const stuck = api.call({ session: s.id, contract: host, fn: 'host_very_expensive' });
      const interrupted = await interruptRunning(s.id);
      // Five earlier calls (three deploys, two increments) can be re-created; the spin is not.
      expect(interrupted).toEqual({ outcome: 'stuck', graceMs: GRACE_MS, recreatable: 5 });
      // Nothing was given up by the interrupt: the session is there, still running the call.
      expect((await api.listSessions()).find((x) => x.id === s.id)).toMatchObject({
        name: 'work',
        busy: true,
      });
      expect(closed).toEqual([]);

      const terminated = await api.terminateSession({ session: s.id, recreate: true });
      expect(terminated).toMatchObject({
        outcome: 'recreated',
        session: {
          id: s.id,
          name: 'work',
          base: null,
          root: before.root,
          calls: 5,
          busy: false,
          // Its journal was replaced: a client holding part of it fetches it whole again.
          recreations: 1,
        },
        skipped: 1,
        sameState: true,
      });
      const cut = await stuck;
      expect(cut).toMatchObject({ ok: false, error: { code: 'SessionClosed' } });
      expect(cut.error?.details.reason).toBe('terminated');
      expect(closed).toEqual([]);
      // The same journal, but the interrupted spin; the same state; and it takes new calls.
      const journalAfter = await api.journal({ session: s.id });
      expect(journalAfter.map((j) => [j.kind, j.fn, j.arg, j.gasLimit, j.result])).toEqual(
        journalBefore
          .filter((j) => j.fn !== 'spin')
          .map((j) => [j.kind, j.fn, j.arg, j.gasLimit, j.result]),
      );
      const read = await api.call({ session: s.id, contract: counter, fn: 'read_value' });
      expect(read.data).toBe('0xfe00000000000000');
      const node = await api.commit({ session: s.id, label: 'kept' });
      expect((await api.journal({ commit: node.root })).map((j) => j.fn)).toEqual([
        '',
        '',
        '',
        'increment',
        'increment',
        'read_value',
      ]);
    });

    test('a script’s calls are tracked like the user’s: its stuck call is asked about, and re-created, the session takes the script’s next steps', async () => {
      const progress: Array<ApiEvents['callProgress']> = [];
      const off = c.on('callProgress', (e) => progress.push(e));
      const script = await api.loadScript({
        json: {
          version: 1,
          steps: [
            { op: 'session', name: 'scripted', base: 'genesis' },
            { op: 'deploy', session: 'scripted', wasm: `${BUILD}counter.wasm`, name: 'c' },
            { op: 'deploy', session: 'scripted', wasm: `${BUILD}host.wasm`, name: 'h' },
            { op: 'call', session: 'scripted', contract: 'c', fn: 'increment' },
            { op: 'call', session: 'scripted', contract: 'h', fn: 'host_very_expensive' },
            {
              op: 'call',
              session: 'scripted',
              contract: 'c',
              fn: 'read_value',
              expect: { data: { i64: '253' } },
            },
            { op: 'commit', session: 'scripted', name: 'after' },
          ],
        },
      });
      const step = async () => (await api.scriptStep({ script: script.id }))!;
      for (let i = 0; i < 4; i++) expect((await step()).passed).toBe(true);
      const session = (await api.listSessions()).find((x) => x.name === 'scripted')!;
      expect(progress.filter((e) => e.session === session.id).map((e) => e.phase)).toEqual([
        'started',
        'finished',
        'started',
        'finished',
        'started',
        'finished',
      ]);
      const stuck = step();
      expect(await interruptRunning(session.id)).toMatchObject({
        outcome: 'stuck',
        recreatable: 3,
      });
      expect(await api.terminateSession({ session: session.id, recreate: true })).toMatchObject({
        outcome: 'recreated',
        session: { id: session.id, name: 'scripted', calls: 3 },
        sameState: true,
      });
      expect(await stuck).toMatchObject({ passed: false, error: { code: 'SessionClosed' } });
      // The script goes on in the re-created session: the increment is there.
      expect(await step()).toMatchObject({ passed: true, session: session.id });
      expect(await step()).toMatchObject({ op: 'commit', passed: true });
      off();
    });

    test('past its time limit and the grace, a call that has not stopped is reported once, and left running', async () => {
      const limited = await connect({
        workerEntry: STALLING_WORKER,
        interruptGraceMs: GRACE_MS,
        callTimeoutMs: 200,
      });
      try {
        const stuckEvents: Array<ApiEvents['callStuck']> = [];
        limited.on('callStuck', (e) => stuckEvents.push(e));
        const s = await limited.api.openSession({ name: 'timed' });
        const host = (
          await limited.api.deploy({
            session: s.id,
            source: { kind: 'bytes', hex: wasmHex('host'), name: 'host.wasm' },
          })
        ).contractId!;
        const stuck = limited.api.call({
          session: s.id,
          contract: host,
          fn: 'host_very_expensive',
        });
        await expect.poll(() => stuckEvents.length).toBe(1);
        expect(stuckEvents[0]).toEqual({
          session: s.id,
          fn: 'host_very_expensive',
          afterMs: 200,
          recreatable: 1,
        });
        expect((await limited.api.listSessions())[0]).toMatchObject({ id: s.id, busy: true });
        await limited.api.terminateSession({ session: s.id });
        expect((await stuck).error?.code).toBe('SessionClosed');
        expect(stuckEvents).toHaveLength(1);
      } finally {
        await limited.close();
      }
    });

    test('terminated without recreate, the session is discarded and said so; commits are untouched', async () => {
      const s = await api.openSession({ name: 'doomed' });
      const host = await deploy(s.id, 'host');
      const commits = await api.commitGraph();
      const stuck = api.call({ session: s.id, contract: host, fn: 'host_very_expensive' });
      expect((await interruptRunning(s.id)).outcome).toBe('stuck');
      expect(await api.terminateSession({ session: s.id })).toEqual({ outcome: 'discarded' });
      expect((await stuck).error?.code).toBe('SessionClosed');
      expect(closed.filter((e) => e.id === s.id)).toEqual([{ id: s.id, reason: 'terminated' }]);
      expect((await api.listSessions()).map((x) => x.id)).not.toContain(s.id);
      expect(await api.commitGraph()).toEqual(commits);
    });
  });
}
