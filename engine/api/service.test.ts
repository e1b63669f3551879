// The service knows its open store by absolute path, however the path was first given.
import { relative, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';
import { openFileStore } from '../store/file-store';
import { tempDir } from '../testing/store-testing';
import { createVm } from '../vm/vm';
import { ABI_SIZES } from './abi-sizes';
import { InspectorService } from './service';
import type { SessionInfo } from './types';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

test('a store given relative at start is the same store when opened by its absolute path', async () => {
  const { dir, remove } = tempDir('pi-service-');
  cleanups.push(remove);
  const path = join(dir, 'state.pis');
  const service = await InspectorService.create({ store: relative(process.cwd(), path) });
  try {
    const session = await service.openSession({});
    // Reopening would fail on the store's own lock and drop the session; it is kept instead.
    expect(await service.openWorkspace({ path })).toEqual({
      path,
      commits: 0,
      sessions: 1,
      abi: ABI_SIZES,
    });
    expect((await service.listSessions()).map((s) => s.id)).toEqual([session.id]);
  } finally {
    await service.close();
  }
});

test('the default gas table (serve --piecrust) meters sessions on genesis and on commits without a table, in every store opened', async () => {
  const { dir, remove } = tempDir('pi-service-');
  cleanups.push(remove);
  // A store whose commit records no table (its index predates them: schema v1).
  const old = join(dir, 'old.pis');
  const vm = await createVm({ store: await openFileStore(old, { schemaVersion: 1 }) });
  const root = await vm.session().commit('old');
  await vm.close();

  const service = await InspectorService.create({ gasTable: '0.19', sessionMode: 'local' });
  try {
    expect((await service.gasTables()).default).toBe('0.19');
    const onGenesis = await service.openSession({});
    expect(onGenesis.gasTable).toBe('0.19');
    const headCommit = await service.commit({
      session: (await service.openSession({ gasTable: 'head' })).id,
    });
    expect(headCommit.gasTable).toBe('head');
    // A commit's own table wins over the default.
    expect((await service.openSession({ base: headCommit.root })).gasTable).toBe('head');

    await service.openWorkspace({ path: old });
    expect((await service.gasTables()).default).toBe('0.19');
    expect((await service.commitGraph()).map((n) => [n.root, n.gasTable])).toEqual([
      [root, undefined],
    ]);
    expect((await service.openSession({ base: root })).gasTable).toBe('0.19');
    expect((await service.openSession({})).gasTable).toBe('0.19');
  } finally {
    await service.close();
  }
});

test('every call has a time limit: past it the call fails, reverted, and the session goes on', async () => {
  const service = await InspectorService.create({ callTimeoutMs: 300 });
  try {
    const session = await service.openSession({});
    const spin = (
      await service.deploy({
        session: session.id,
        source: {
          kind: 'file',
          path: fileURLToPath(new URL('../../contracts/build/spin.wasm', import.meta.url)),
        },
      })
    ).contractId!;
    const result = await service.call({
      session: session.id,
      contract: spin,
      fn: 'spin',
      gas: '18446744073709551615',
    });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('Interrupted');
    expect(result.error?.message).toContain('time limit of 0.3 s');
    expect((await service.listSessions()).map((s) => s.id)).toContain(session.id);
  } finally {
    await service.close();
  }
});

test('a call through the service on a worker session is one message to its thread, answered by one', async () => {
  const { Worker } = await import('node:worker_threads');
  const service = await InspectorService.create();
  try {
    const { id: session } = await service.openSession({});
    const { contractId } = await service.deploy({
      session,
      source: { kind: 'sample', name: 'counter' },
    });
    const sent = vi.spyOn(Worker.prototype, 'postMessage');
    const changed: number[] = [];
    const off = service.events.subscribe((event, payload) => {
      if (event === 'sessionChanged') changed.push((payload as SessionInfo).calls);
    });
    const result = await service.call({ session, contract: contractId!, fn: 'increment' });
    off();
    const messages = sent.mock.calls.map(([message]) => message as { op: string; method?: string });
    sent.mockRestore();
    expect(messages).toEqual([expect.objectContaining({ op: 'invoke', method: 'call' })]);
    // Everything the result and the session's listing need came with that answer.
    expect(result).toMatchObject({ ok: true, journalIndex: 1, debug: [] });
    expect(changed).toEqual([2]);
    const [info] = await service.listSessions();
    expect(info).toMatchObject({
      root: result.root,
      calls: 2,
      deploys: 1,
      contracts: [contractId],
    });
  } finally {
    await service.close();
  }
});
