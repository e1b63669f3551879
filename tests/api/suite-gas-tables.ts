/**
 * The InspectorApi suite, continued (see suite.ts): gas tables. A session meters with the table
 * it is opened with, or its base commit's, or the service's default; every gas figure the API
 * reports names the table it is counted in. Registered inside apiSuite's describe, on the same
 * connection.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { ContractIdHex, InspectorApi, SessionInfo } from '../../engine/api/types';
import type { Root } from '../../engine/core/ids';
import { openFileStore } from '../../engine/store/file-store';
import { createVm } from '../../engine/vm/vm';
import { BUILD, rejection, storePath, type Connection } from './suite-support';

export function gasTableTests(connection: () => Connection): void {
  let c: Connection;
  let api: InspectorApi;
  beforeAll(() => {
    c = connection();
    api = c.api;
  });

  async function withCounter(
    gasTable?: 'head' | '0.19',
  ): Promise<{ session: SessionInfo; counter: ContractIdHex }> {
    const session = await api.openSession(gasTable === undefined ? {} : { gasTable });
    const deployed = await api.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
    });
    expect(deployed.ok).toBe(true);
    return { session, counter: deployed.contractId! };
  }

  test('gas tables: listed with the default; a session opened on 0.19 meters a store as 1, not 16', async () => {
    const tables = await api.gasTables();
    expect(tables.default).toBe('head');
    expect(tables.tables.map((t) => t.name)).toEqual(['head', '0.19']);
    for (const t of tables.tables) expect(t.description).toContain('piecrust');

    const changed: SessionInfo[] = [];
    const off = c.on('sessionChanged', (info) => changed.push(info));
    const head = await withCounter();
    const old = await withCounter('0.19');
    off();
    expect(head.session.gasTable).toBe('head');
    expect(old.session.gasTable).toBe('0.19');
    // Pushed session updates and the session list carry the table too.
    expect(changed.find((i) => i.id === old.session.id)?.gasTable).toBe('0.19');
    const listed = await api.listSessions();
    expect(listed.find((s) => s.id === head.session.id)?.gasTable).toBe('head');
    expect(listed.find((s) => s.id === old.session.id)?.gasTable).toBe('0.19');

    const inHead = await api.call({
      session: head.session.id,
      contract: head.counter,
      fn: 'increment',
    });
    const in019 = await api.call({
      session: old.session.id,
      contract: old.counter,
      fn: 'increment',
    });
    expect(inHead).toMatchObject({ ok: true, gasTable: 'head' });
    expect(in019).toMatchObject({ ok: true, gasTable: '0.19' });
    // The same code, the same state: only the table differs, and HEAD prices the store higher.
    expect(BigInt(inHead.gasSpent!)).toBeGreaterThan(BigInt(in019.gasSpent!));

    // Deploys and journal calls say their table as well.
    const deployed = await api.deploy({
      session: old.session.id,
      source: { kind: 'sample', name: 'box' },
    });
    expect(deployed.gasTable).toBe('0.19');
    const journal = await api.journal({ session: old.session.id });
    expect(journal.map((j) => [j.kind, j.gasTable])).toEqual([
      ['deploy', '0.19'],
      ['call', '0.19'],
      ['deploy', '0.19'],
    ]);
    expect(journal[1].gasSpent).toBe(in019.gasSpent);
    expect((await api.journal({ session: head.session.id }))[1]).toMatchObject({
      gasTable: 'head',
      gasSpent: inHead.gasSpent,
    });

    // Commits record it; the graph lists it.
    const headCommit = await api.commit({ session: head.session.id, label: 'head history' });
    const oldCommit = await api.commit({ session: old.session.id, label: '0.19 history' });
    expect(headCommit.gasTable).toBe('head');
    expect(oldCommit.gasTable).toBe('0.19');
    const graph = await api.commitGraph();
    expect(graph.find((n) => n.root === oldCommit.root)?.gasTable).toBe('0.19');
    expect(graph.find((n) => n.root === headCommit.root)?.gasTable).toBe('head');
    expect((await api.journal({ commit: oldCommit.root })).map((j) => j.gasTable)).toEqual([
      '0.19',
      '0.19',
      '0.19',
    ]);

    // A session on a commit without gasTable goes on in the commit's table…
    const goesOn = await api.openSession({ base: oldCommit.root });
    expect(goesOn.gasTable).toBe('0.19');
    const again = await api.call({ session: goesOn.id, contract: old.counter, fn: 'increment' });
    expect(again).toMatchObject({ ok: true, gasTable: '0.19', gasSpent: in019.gasSpent });
    expect((await api.openSession({ base: headCommit.root })).gasTable).toBe('head');
    // …unless it asks for another.
    const switched = await api.openSession({ base: oldCommit.root, gasTable: 'head' });
    expect(switched.gasTable).toBe('head');
    expect(
      await api.call({ session: switched.id, contract: old.counter, fn: 'increment' }),
    ).toMatchObject({ ok: true, gasTable: 'head', gasSpent: inHead.gasSpent });
    for (const s of await api.listSessions()) await api.closeSession({ session: s.id });
  });

  test('a gas table that is not one is an InvalidInput error naming the accepted ones', async () => {
    const before = (await api.listSessions()).length;
    for (const bad of ['0.2', 'HEAD', '', 19, null]) {
      const error = await rejection(api.openSession({ gasTable: bad as never }));
      expect(error.code).toBe('InvalidInput');
      expect(error.message).toContain('"head"');
      expect(error.message).toContain('"0.19"');
    }
    expect((await rejection(api.openSession({ gasTable: 'latest' as never }))).message).toBe(
      'unknown gas table "latest": use "head" or "0.19"',
    );
    expect(await api.listSessions()).toHaveLength(before); // nothing was opened
  });

  test('script steps carry the gas table of their session', async () => {
    // Equal states share a root (and the record of its first commit): each run increments a
    // number of times no other test does, so its commit is its own.
    const run = async (piecrust: string | undefined, increments: number) => {
      const script = await api.loadScript({
        json: {
          version: 1,
          ...(piecrust === undefined ? {} : { piecrust }),
          steps: [
            { op: 'session', name: 's', base: 'genesis' },
            { op: 'deploy', session: 's', wasm: `${BUILD}counter.wasm`, name: 'counter' },
            ...Array.from({ length: increments }, () => ({
              op: 'call',
              session: 's',
              contract: 'counter',
              fn: 'increment',
            })),
            { op: 'commit', session: 's', name: 'done' },
          ],
        },
      });
      const results = await api.scriptRun({ script: script.id });
      expect(results.filter((r) => !r.passed)).toEqual([]);
      const node = (await api.commitGraph()).find((n) => n.root === results.at(-1)!.root);
      return { results, node };
    };
    const old = await run('0.19', 11);
    expect(old.results.map((r) => r.gasTable)).toEqual(Array(14).fill('0.19'));
    expect(old.node?.gasTable).toBe('0.19');
    const head = await run(undefined, 12);
    expect(head.results.map((r) => r.gasTable)).toEqual(Array(15).fill('head'));
    expect(head.node?.gasTable).toBe('head');
    expect(BigInt(head.results[2].gasSpent!)).toBeGreaterThan(BigInt(old.results[2].gasSpent!));
  });

  test('commits made before tables were recorded: no table in the graph, sessions on them get the default', async () => {
    // A store written by a build whose index had no gas table column (schema v1).
    const path = storePath('v1.pis');
    const vm = await createVm({ store: await openFileStore(path, { schemaVersion: 1 }) });
    const s = vm.session({ journal: true });
    const bytecode = new Uint8Array(readFileSync(`${BUILD}counter.wasm`));
    s.deploy(bytecode, { owner: new Uint8Array(32) }, 1_000_000_000n);
    const root: Root = await s.commit('old');
    await vm.close(); // closes the store too

    await api.openWorkspace({ path });
    try {
      const [node] = await api.commitGraph();
      expect(node).toMatchObject({ root, label: 'old' });
      expect(node.gasTable).toBeUndefined();
      const session = await api.openSession({ base: root });
      expect(session.gasTable).toBe('head');
      expect((await api.openSession({ base: root, gasTable: '0.19' })).gasTable).toBe('0.19');
    } finally {
      await api.closeWorkspace();
    }
  });
}
