// The service knows its open store by absolute path, however the path was first given.
import { relative, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { tempDir } from '../store/store-testing';
import { InspectorService } from './service';

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
    expect(await service.openWorkspace({ path })).toEqual({ path, commits: 0, sessions: 1 });
    expect((await service.listSessions()).map((s) => s.id)).toEqual([session.id]);
  } finally {
    await service.close();
  }
});
