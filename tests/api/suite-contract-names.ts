/**
 * The InspectorApi suite, continued (see suite.ts): contracts' names and attached data-drivers
 * (issue 12). A deploy names its contract (the sample's name, or the one asked for) and can
 * attach a driver; renameContract and attachDriver edit them at any time. They are stored beside
 * the state (no root changes) in the store file, so a new service opening the same file lists
 * them again; a driver the runtime refuses is refused with its own error and nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { DataDriver } from '../../engine/driver/data-driver';
import type { ServiceOptions } from '../../engine/api/service';
import type { ApiEvents, InspectorApi } from '../../engine/api/types';
import { wat } from '../../engine/testing/wat';
import { BUILD, rejection, storePath, type Connection } from './suite-support';

const driverPath = (name: string): string => `${BUILD}drivers/${name}.wasm`;
const driverHex = (name: string): string => '0x' + readFileSync(driverPath(name)).toString('hex');

/** The loader's own error for `bytes` (what the API must pass on, word for word). */
function loaderError(bytes: Uint8Array): string {
  try {
    DataDriver.fromBytes(bytes);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the driver loaded');
}

export function contractNameTests(
  connection: () => Connection,
  connect: (options?: ServiceOptions) => Promise<Connection>,
): void {
  let c: Connection;
  let api: InspectorApi;
  beforeAll(() => {
    c = connection();
    api = c.api;
  });

  test('a deployed sample is listed by its name; renamed, by the new one in every state, and no root changes', async () => {
    await api.newWorkspace({ path: storePath() });
    try {
      const s = await api.openSession({});
      const deployed = await api.deploy({
        session: s.id,
        source: { kind: 'sample', name: 'counter' },
      });
      const counter = deployed.contractId!;
      expect((await api.contracts({ session: s.id }))[0].name).toBe('counter');
      const committed = await api.commit({ session: s.id, label: 'deployed' });
      const graph = await api.commitGraph();
      const changed: Array<ApiEvents['contractChanged']> = [];
      const off = c.on('contractChanged', (e) => changed.push(e));
      await api.renameContract({ contract: counter, name: 'my counter' });
      await expect.poll(() => changed).toEqual([{ contract: counter, name: 'my counter' }]);
      off();
      expect((await api.contracts({ commit: committed.root }))[0].name).toBe('my counter');
      expect(await api.commitGraph()).toEqual(graph);
      // The same contract deployed again keeps the name the user gave it.
      const again = await api.openSession({});
      await api.deploy({ session: again.id, source: { kind: 'sample', name: 'counter' } });
      expect((await api.contracts({ session: again.id }))[0].name).toBe('my counter');
      // An empty name removes it.
      await api.renameContract({ contract: counter, name: '' });
      expect((await api.contracts({ commit: committed.root }))[0].name).toBeUndefined();
    } finally {
      await api.closeWorkspace();
    }
  });

  test('names and drivers (deploy, by hex and by path) are still there when a new service opens the store', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    let listed;
    let root;
    try {
      const s = await api.openSession({});
      const box = await api.deploy({
        session: s.id,
        source: { kind: 'sample', name: 'box' },
        name: 'the box',
        driver: { hex: driverHex('box') },
      });
      expect(box.ok).toBe(true);
      const counter = (
        await api.deploy({ session: s.id, source: { kind: 'sample', name: 'counter' } })
      ).contractId!;
      const attached = await api.attachDriver({
        contract: counter,
        driver: { path: driverPath('counter') },
      });
      expect(attached).toEqual({
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        version: DataDriver.fromFile(driverPath('counter')).version(),
        bytes: readFileSync(driverPath('counter')).length,
      });
      root = (await api.commit({ session: s.id, label: 'named' })).root;
      listed = await api.contracts({ commit: root });
      const byId = new Map(listed.map((x) => [x.id, x]));
      expect(byId.get(box.contractId!)?.name).toBe('the box');
      expect(byId.get(box.contractId!)?.driver?.bytes).toBe(readFileSync(driverPath('box')).length);
      expect(byId.get(counter)).toMatchObject({ name: 'counter', driver: attached });
    } finally {
      await api.closeWorkspace();
    }
    const other = await connect();
    try {
      await other.api.openWorkspace({ path });
      expect(await other.api.contracts({ commit: root })).toEqual(listed);
      await other.api.closeWorkspace();
    } finally {
      await other.close();
    }
  });

  test('a driver the runtime refuses is refused with its error, and nothing is stored', async () => {
    const s = await api.openSession({});
    const counter = (
      await api.deploy({ session: s.id, source: { kind: 'sample', name: 'counter' } })
    ).contractId!;
    const hostile = await wat('(module (memory (export "memory") 1))');
    const hostileHex = '0x' + Buffer.from(hostile).toString('hex');
    const refused = await rejection(
      api.attachDriver({ contract: counter, driver: { hex: hostileHex } }),
    );
    expect(refused.message).toBe(loaderError(hostile));
    expect((await api.contracts({ session: s.id }))[0].driver).toBeUndefined();
    // At deploy: refused before the deploy runs.
    const other = await api.openSession({});
    const deploy = await rejection(
      api.deploy({
        session: other.id,
        source: { kind: 'sample', name: 'box' },
        driver: { hex: hostileHex },
      }),
    );
    expect(deploy.message).toBe(loaderError(hostile));
    expect(await api.contracts({ session: other.id })).toEqual([]);
    await api.closeSession({ session: s.id });
    await api.closeSession({ session: other.id });
  });

  test('a later script on the reopened store names a stored contract and calls it with its stored driver', async () => {
    const path = storePath();
    await api.newWorkspace({ path });
    try {
      const deploy = await api.loadScript({
        json: {
          version: 1,
          steps: [
            { op: 'session', name: 's' },
            {
              op: 'deploy',
              session: 's',
              wasm: `${BUILD}box.wasm`,
              name: 'stored box',
              driver: driverPath('box'),
            },
            { op: 'commit', session: 's', name: 'deployed' },
          ],
        },
      });
      const deployed = await api.scriptRun({ script: deploy.id });
      expect(deployed.map((r) => r.passed)).toEqual([true, true, true]);
      // Opened again: the name and the driver come from the file, not from the first run.
      await api.openWorkspace({ path });
      const use = await api.loadScript({
        json: {
          version: 1,
          steps: [
            { op: 'session', name: 's', base: deployed[2].root },
            { op: 'call', session: 's', contract: 'stored box', fn: 'set', json: 9 },
            { op: 'call', session: 's', contract: 'stored box', fn: 'get', expect: { json: 9 } },
          ],
        },
      });
      const results = await api.scriptRun({ script: use.id });
      expect(results.map((r) => r.reason)).toEqual([undefined, undefined, undefined]);
      expect(results.map((r) => r.passed)).toEqual([true, true, true]);
    } finally {
      await api.closeWorkspace();
    }
  });

  test('a script run through the API keeps the names and drivers of its deploys with the contracts', async () => {
    await api.newWorkspace({ path: storePath() });
    try {
      const script = await api.loadScript({
        json: {
          version: 1,
          steps: [
            { op: 'session', name: 's' },
            {
              op: 'deploy',
              session: 's',
              wasm: `${BUILD}box.wasm`,
              name: 'scripted box',
              driver: driverPath('box'),
            },
            { op: 'call', session: 's', contract: 'scripted box', fn: 'set', json: 7 },
            { op: 'commit', session: 's', name: 'scripted' },
          ],
        },
      });
      const results = await api.scriptRun({ script: script.id });
      expect(results.map((r) => r.passed)).toEqual([true, true, true, true]);
      const root = results[3].root!;
      // After the run, in the app's lists: named, and its driver attached (decodes for the app).
      const [box] = await api.contracts({ commit: root });
      expect(box).toMatchObject({
        id: results[1].contractId,
        name: 'scripted box',
        driver: { bytes: readFileSync(driverPath('box')).length },
      });
    } finally {
      await api.closeWorkspace();
    }
  });
}
