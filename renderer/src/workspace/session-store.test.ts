import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { CommitNode, GasTableName, SessionInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useSessionStore } from './session-store';
import { fakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { useWorkspaceStore } from './workspace-store';

const commit = (root: string, gasTable?: GasTableName): CommitNode => ({
  root,
  parent: null,
  label: root,
  labels: [root],
  createdAt: 1,
  finalized: false,
  contractsTouched: [],
  pagesChanged: 0,
  ...(gasTable === undefined ? {} : { gasTable }),
});

describe('session store: the gas table of a new session', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function connect(engineDefault: GasTableName) {
    let n = 0;
    const fake = fakeClient({
      workspace: async () => ({ path: ':memory:', commits: 3, sessions: 0, abi: TEST_ABI }),
      recentWorkspaces: async () => [],
      gasTables: async () => ({
        default: engineDefault,
        tables: [
          { name: 'head', description: 'piecrust 0.32 (HEAD): priced' },
          { name: '0.19', description: 'piecrust 0.19: flat' },
        ],
      }),
      commitGraph: async () => [commit('old', '0.19'), commit('new', 'head'), commit('unrecorded')],
      openSession: async (req): Promise<SessionInfo> => ({
        id: `s${++n}`,
        name: req.name ?? `s${n}`,
        base: req.base ?? null,
        root: 'r',
        contracts: [],
        calls: 0,
        deploys: 0,
        busy: false,
        gasTable: req.gasTable ?? 'head',
        recreations: 0,
      }),
    });
    provideApiClient(fake.client);
    return fake;
  }

  const opened = (fake: ReturnType<typeof connect>) =>
    fake.calls.filter((c) => c.method === 'openSession').map((c) => c.params);

  test('the form defaults to the base commit’s table, else the engine’s default, and sends it', async () => {
    const fake = connect('0.19');
    await useWorkspaceStore().load();
    const sessions = useSessionStore();
    expect(sessions.draftGasTable).toBe('0.19'); // genesis: the engine's default
    sessions.newDraft.base = 'new';
    expect(sessions.draftGasTable).toBe('head');
    sessions.newDraft.base = 'old';
    expect(sessions.draftGasTable).toBe('0.19');
    sessions.newDraft.base = 'unrecorded';
    expect(sessions.draftGasTable).toBe('0.19');

    sessions.newDraft.base = 'new';
    expect((await sessions.open())?.gasTable).toBe('head');
    expect(opened(fake).at(-1)).toEqual({ base: 'new', gasTable: 'head' });
  });

  test('a picked table stays picked across base changes until a session opens', async () => {
    const fake = connect('head');
    await useWorkspaceStore().load();
    const sessions = useSessionStore();
    sessions.newDraft.gasTable = '0.19';
    sessions.newDraft.base = 'new';
    expect(sessions.draftBaseGasTable).toBe('head');
    expect(sessions.draftGasTable).toBe('0.19');
    await sessions.open();
    expect(opened(fake).at(-1)).toEqual({ base: 'new', gasTable: '0.19' });
    expect(sessions.newDraft.gasTable).toBeNull();
    expect(sessions.draftGasTable).toBe('head');
  });

  test('sessions opened outside the form (a commit, continue after commit) let the engine pick', async () => {
    const fake = connect('head');
    await useWorkspaceStore().load();
    const sessions = useSessionStore();
    sessions.newDraft.gasTable = '0.19';
    await sessions.open({ base: 'old', name: '' });
    expect(opened(fake).at(-1)).toEqual({ base: 'old' });
    await sessions.open({ base: null, name: 'x', gasTable: '0.19' });
    expect(opened(fake).at(-1)).toEqual({ base: null, name: 'x', gasTable: '0.19' });
  });
});
