/**
 * The event router is the page's one subscriber to the API's pushed events: each event reaches
 * the store that owns it once. A workspace change (another store file opened, here or in another
 * window) reloads the commit list once, not once per listener.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CommitNode, WorkspaceInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useCommitStore } from '../graph/commit-store';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { fakeClient, settle, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { startLiveUpdates } from './event-router';

const OTHER: WorkspaceInfo = { path: '/tmp/other.pis', commits: 1, sessions: 0, abi: TEST_ABI };
const NODE: CommitNode = {
  root: '0xaa',
  parent: null,
  label: 'x',
  labels: ['x'],
  createdAt: 1,
  finalized: false,
  contractsTouched: [],
  pagesChanged: 0,
};

describe('the event router', () => {
  let fake: FakeClient;
  let stopEvents: () => void;
  const commitGraphRequests = (): number =>
    fake.calls.filter((c) => c.method === 'commitGraph').length;

  beforeEach(() => {
    setActivePinia(createPinia());
    fake = fakeClient({
      workspace: () => ({ path: ':memory:', commits: 0, sessions: 0, abi: TEST_ABI }),
      recentWorkspaces: () => [],
      gasTables: () => ({ default: 'head', tables: [] }),
      commitGraph: () => [NODE],
      listSessions: () => [],
      // As the engine does: the event goes out before the answer.
      openWorkspace: () => {
        fake.emit('workspaceChanged', OTHER);
        return OTHER;
      },
    });
    provideApiClient(fake.client);
    stopEvents = startLiveUpdates();
  });
  afterEach(() => stopEvents());

  test('a store opened from this page reloads the commit list once', async () => {
    const workspace = useWorkspaceStore();
    await workspace.load();
    await settle();
    const before = commitGraphRequests();
    expect(before).toBe(1);

    expect(await workspace.open('/tmp/other.pis')).toBe(true);
    await settle();
    expect(commitGraphRequests() - before).toBe(1);
    expect(workspace.info).toEqual(OTHER);
    expect(useCommitStore().nodes.map((n) => n.root)).toEqual(['0xaa']);
  });

  test('a workspace change pushed from elsewhere reloads the commit list once', async () => {
    await useWorkspaceStore().load();
    await settle();
    const before = commitGraphRequests();
    fake.emit('workspaceChanged', OTHER);
    await settle();
    expect(commitGraphRequests() - before).toBe(1);
    expect(useWorkspaceStore().info).toEqual(OTHER);
  });
});

const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.vue', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

test('no other module subscribes to the events the API pushes', () => {
  const subscribers = Object.keys(SOURCES).filter((path) =>
    /\b(api|apiClient\(\)|client)\s*\.on\(/.test(SOURCES[path]),
  );
  expect(subscribers).toEqual(['./event-router.ts']);
});
