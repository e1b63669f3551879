/**
 * The renderer takes piecrust's ABI sizes from the engine's workspace info, not from constants
 * of its own: an engine sending other sizes is laid out by them.
 */
import { createPinia, setActivePinia } from 'pinia';
import { expect, test } from 'vitest';
import type { AbiSizes } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { fakeClient } from '../../testing/fake-client';
import { abiSizes, argBufferLen, pageSize } from './abi';

test('the sizes are those of the last workspace info, and unknown before one', async () => {
  setActivePinia(createPinia());
  expect(() => abiSizes()).toThrow(/not known yet.*workspace info/);
  let abi: AbiSizes = { pageSize: 4096, argBufferLen: 1024 };
  provideApiClient(
    fakeClient({
      workspace: () => ({ path: ':memory:', commits: 0, sessions: 0, abi }),
      recentWorkspaces: () => [],
      gasTables: () => ({ default: 'head', tables: [] }),
      commitGraph: () => [],
    }).client,
  );
  const workspace = useWorkspaceStore();
  await workspace.load();
  expect([pageSize(), argBufferLen()]).toEqual([4096, 1024]);

  abi = { pageSize: 8192, argBufferLen: 2048 };
  workspace.onWorkspaceChanged({ path: '/tmp/b.pis', commits: 0, sessions: 0, abi });
  expect(abiSizes()).toEqual(abi);
});
