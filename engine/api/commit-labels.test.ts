// Committing an identical state twice under two labels: the API's commit node (as returned, as
// pushed to clients, and in the graph) lists both labels, even though the first was cached.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { tempDir } from '../testing/store-testing';
import { InspectorService } from './service';
import type { CommitNode } from './types';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

test('the same state committed under two labels is one commit node with both labels', async () => {
  const { dir, remove } = tempDir('pi-labels-');
  cleanups.push(remove);
  const service = await InspectorService.create({ store: join(dir, 'state.pis') });
  cleanups.push(() => service.close());
  const setup = await service.openSession({});
  const deployed = await service.deploy({
    session: setup.id,
    source: { kind: 'sample', name: 'counter' },
  });
  const counter = deployed.contractId!;
  const base = await service.commit({ session: setup.id, label: 'deployed' });
  const created: CommitNode[] = [];
  cleanups.push(
    service.events.subscribe((event, payload) => {
      if (event === 'commitCreated') created.push(payload as CommitNode);
    }),
  );

  const commitOnce = async (label: string): Promise<CommitNode> => {
    const s = await service.openSession({ base: base.root });
    await service.call({ session: s.id, contract: counter, fn: 'increment' });
    return service.commit({ session: s.id, label });
  };
  const first = await commitOnce('first label');
  expect(first.labels).toEqual(['first label']);
  await service.commitGraph(); // the node is cached from here on
  const second = await commitOnce('second label');

  expect(second.root).toBe(first.root);
  expect(second.labels).toEqual(['first label', 'second label']);
  expect(created.at(-1)?.labels).toEqual(['first label', 'second label']);
  const graph = await service.commitGraph();
  expect(graph.filter((n) => n.root === first.root).map((n) => n.labels)).toEqual([
    ['first label', 'second label'],
  ]);
});
