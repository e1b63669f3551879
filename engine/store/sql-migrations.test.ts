// Numbered migrations of the index schema: a store written at schema v1 opens, migrates to v2,
// and keeps every commit and blob.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { Root } from '../core/ids';
import { createVm } from '../vm/vm';
import { checkStore } from './check';
import { openFileStore } from './file-store';
import { loadSqlJs } from './sql-js';
import { SCHEMA_VERSION } from './sql-migrations';
import { StoreFile } from './store-file';
import {
  counterBytecode,
  GAS,
  increment,
  OWNER,
  readCounter,
  tempDir,
} from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store written by a build whose schema was v1; `checkpoint: false` leaves the commits to replay. */
async function writeV1Store(
  path: string,
  checkpoint: boolean,
): Promise<{ roots: Root[]; id: string }> {
  const store = await openFileStore(path, { schemaVersion: 1 });
  const vm = await createVm({ store });
  let s = vm.session();
  const id = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
  const roots = [await s.commit()];
  if (!checkpoint) await store.checkpoint();
  s = vm.session({ base: roots[0] });
  increment(s, id);
  roots.push(await s.commit());
  await store.close({ checkpoint });
  return { roots, id };
}

/** The schema version and commit columns of the file's checkpoint, read directly. */
async function checkpointSchema(path: string): Promise<{ version: number; columns: string[] }> {
  const file = StoreFile.open(path, true);
  const record = file.readRecord(
    file.superblock.checkpointOffset,
    file.superblock.checkpointLength,
  );
  file.close();
  const db = new (await loadSqlJs()).Database(record.body);
  const version = Number(db.exec('PRAGMA user_version')[0].values[0][0]);
  const columns = db.exec('PRAGMA table_info(commits)')[0].values.map((row) => String(row[1]));
  db.close();
  return { version, columns };
}

test('a v1 store migrates to v2 at open; the migrated schema is checkpointed by a writer only', async () => {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const path = join(dir, 'v1.pcstore');
  const { roots, id } = await writeV1Store(path, true);
  expect(await checkpointSchema(path)).toEqual({
    version: 1,
    columns: expect.not.arrayContaining(['pages_written']) as unknown as string[],
  });

  // A reader migrates in memory and leaves the file alone.
  const bytes = readFileSync(path);
  const reader = await openFileStore(path, { readOnly: true });
  expect(reader.stats().schemaVersion).toBe(SCHEMA_VERSION);
  expect(reader.listCommits().map((c) => c.root)).toEqual(roots);
  await reader.close();
  expect(readFileSync(path).equals(bytes)).toBe(true);

  const vm = await createVm({ store: path });
  const store = vm.store as Awaited<ReturnType<typeof openFileStore>>;
  expect(store.stats().schemaVersion).toBe(SCHEMA_VERSION);
  expect((await checkpointSchema(path)).version).toBe(SCHEMA_VERSION);
  // Commits from before v2 have no summary; the parent index answers children queries.
  expect(store.commitSummary(roots[1])).toBeUndefined();
  expect(store.children(roots[0])).toEqual([roots[1]]);
  const s = vm.session({ base: roots[1] });
  expect(readCounter(s, id as never)).toBe(0xfdn);
  increment(s, id as never);
  const r3 = await s.commit();
  expect(store.commitSummary(r3)?.pagesWritten).toBeGreaterThan(0);
  // Commits indexed before v3 have no recorded gas table; new ones record theirs.
  expect(store.getCommit(roots[1])?.gasTable).toBeUndefined();
  expect(store.getCommit(r3)?.gasTable).toBe('head');
  expect(checkStore(store).ok).toBe(true);
  await vm.close();
  expect(await checkpointSchema(path)).toMatchObject({
    version: SCHEMA_VERSION,
    columns: expect.arrayContaining([
      'pages_written',
      'bytes_written',
      'gas_table',
    ]) as unknown as string[],
  });
});

test('commits logged by v1 after its last checkpoint are replayed into the v2 schema with their summaries', async () => {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const path = join(dir, 'v1-log.pcstore');
  const { roots } = await writeV1Store(path, false);
  expect((await checkpointSchema(path)).version).toBe(1);
  const store = await openFileStore(path);
  expect(store.listCommits().map((c) => c.root)).toEqual(roots);
  expect(store.commitSummary(roots[1])?.pagesWritten).toBeGreaterThan(0);
  await store.close();
});
