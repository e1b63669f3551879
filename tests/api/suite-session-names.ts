/**
 * The InspectorApi suite, continued (see suite.ts): sessions are the user's. One opened without
 * a name is named after what it starts from, never by its internal id; a script's sessions still
 * open when it ends stay open and listed, never closed unseen. Registered inside apiSuite's
 * describe, on the same connection.
 */
import { beforeAll, expect, test } from 'vitest';
import type { ApiEvents, InspectorApi } from '../../engine/api/types';
import { BUILD, type Connection } from './suite-support';

export function userSessionTests(connection: () => Connection): void {
  let c: Connection;
  let api: InspectorApi;
  beforeAll(() => {
    c = connection();
    api = c.api;
  });

  test('a session opened without a name is named after its base, numbered when taken, never its id', async () => {
    const setup = await api.openSession({ name: 'setup' });
    await api.deploy({ session: setup.id, source: { kind: 'sample', name: 'counter' } });
    const labelled = await api.commit({ session: setup.id, label: 'named base' });
    const opened = [
      await api.openSession({ base: labelled.root }),
      await api.openSession({ base: labelled.root }),
      await api.openSession({}),
    ];
    const names = opened.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['on named base', 'on named base (2)']);
    expect(names[2]).toMatch(/^on genesis/);
    for (const s of opened) expect(s.name).not.toBe(s.id);
    const again = await api.openSession({ base: labelled.root });
    expect(again.name).toBe('on named base (3)');
    for (const s of [...opened, again]) await api.closeSession({ session: s.id });
  });

  test('sessions a script leaves open stay open and listed after it ends, stepped or run', async () => {
    const script = (name: string) => ({
      version: 1,
      steps: [
        { op: 'session', name, base: 'genesis' },
        { op: 'deploy', session: name, wasm: `${BUILD}counter.wasm`, name: 'counter' },
        { op: 'call', session: name, contract: 'counter', fn: 'increment' },
        { op: 'session', name: `${name} dropped`, base: 'genesis' },
        { op: 'drop', session: `${name} dropped` },
      ],
    });
    const closed: Array<ApiEvents['sessionClosed']> = [];
    const off = c.on('sessionClosed', (e) => closed.push(e));
    const stepped = await api.loadScript({ json: script('left by steps') });
    const results = [];
    for (let i = 0; i < stepped.steps; i++)
      results.push((await api.scriptStep({ script: stepped.id }))!);
    expect(await api.scriptStep({ script: stepped.id })).toBeNull();
    const run = await api.loadScript({ json: script('left by a run') });
    expect((await api.scriptRun({ script: run.id })).every((r) => r.passed)).toBe(true);
    off();

    const open = await api.listSessions();
    for (const name of ['left by steps', 'left by a run']) {
      expect(open.find((s) => s.name === name)).toMatchObject({ calls: 2, busy: false });
      expect(open.some((s) => s.name === `${name} dropped`)).toBe(false);
    }
    // Only the dropped ones were closed.
    const kept = results[0].session!;
    expect(closed.map((e) => e.id)).not.toContain(kept);
    expect(closed).toHaveLength(2);
    // The user's now: it takes calls and commits.
    const node = await api.commit({ session: kept, label: 'from the script' });
    expect((await api.journal({ commit: node.root })).map((j) => j.fn)).toEqual(['', 'increment']);
    const other = open.find((s) => s.name === 'left by a run')!;
    await api.closeSession({ session: other.id });
  });
}
