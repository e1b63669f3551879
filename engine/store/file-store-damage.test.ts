// Files that are not stores, from newer versions, truncated or corrupted: a clear
// PersistenceError with the numbers, and the file left exactly as it was.
import { existsSync, readFileSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isPiecrustError, type PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import { createVm } from '../vm/vm';
import { main } from '../cli/main';
import { checkStore } from './check';
import { encodeRecord, RecordKind } from './file-format';
import { openFileStore, type FileStoreOptions } from './file-store';
import { loadSqlJs } from './sql-js';
import { SCHEMA_VERSION } from './sql-migrations';
import { StoreFile } from './store-file';
import { encodeSlot, SLOT_OFFSETS, type Superblock } from './superblock';
import { fill, GAS, OWNER, pagesBytecode, peek, tempDir } from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storePath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'state.pcstore');
}

/** A store of a few commits; `checkpoint: false` leaves them in the log after the checkpoint. */
async function makeStore(path: string, checkpoint = true): Promise<ContractId> {
  const store = await openFileStore(path);
  const vm = await createVm({ store });
  let s = vm.session();
  const id = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
  let root = await s.commit();
  if (!checkpoint) await store.checkpoint(); // the deploy is checkpointed, the fills are not
  for (let i = 1; i <= 4; i++) {
    s = vm.session({ base: root });
    fill(s, id, i, 77 + i);
    root = await s.commit();
  }
  await store.close({ checkpoint });
  return id;
}

async function openError(path: string, options: FileStoreOptions = {}): Promise<PiecrustError> {
  const before = readFileSync(path);
  let caught: unknown;
  try {
    const store = await openFileStore(path, options);
    await store.close();
  } catch (e) {
    caught = e;
  }
  if (!isPiecrustError(caught, 'PersistenceError'))
    throw caught ?? new Error('expected a PersistenceError');
  expect(readFileSync(path).equals(before), 'the file must not change').toBe(true);
  expect(existsSync(`${path}-lock`), 'the lock must be released').toBe(false);
  return caught;
}

/** Both failing opens, writer and reader, give the same error. */
async function bothOpensFail(path: string): Promise<string> {
  const writer = await openError(path);
  const reader = await openError(path, { readOnly: true });
  expect(reader.message).toBe(writer.message);
  expect(writer.message).toContain(path);
  return writer.message;
}

function rewriteSuperblock(path: string, change: (sb: Superblock) => Superblock): void {
  const file = StoreFile.open(path, true);
  const sb = change(file.superblock);
  file.close();
  const bytes = readFileSync(path);
  for (const [i, at] of SLOT_OFFSETS.entries())
    bytes.set(encodeSlot({ ...sb, generation: sb.generation + i }), at);
  writeFileSync(path, bytes);
}

/** Offsets of the records of one kind in [from, to). */
function recordsOf(path: string, kind: RecordKind, from?: number): number[] {
  const file = StoreFile.open(path, true);
  const out: number[] = [];
  const start = from ?? 4096;
  file.scan(start, file.durableLength, (record, offset) => {
    if (record.kind === kind) out.push(offset);
  });
  file.close();
  return out;
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] ^= 0x5a;
  writeFileSync(path, bytes);
}

describe('damaged and foreign files', () => {
  test('a file that is not a store (text, or empty)', async () => {
    const path = storePath();
    writeFileSync(path, 'hello, I am a text file\n');
    expect(await bothOpensFail(path)).toMatch(
      /not a piecrust store \(no "PCRSTORE" magic in the 24-byte file\)/,
    );
    writeFileSync(path, '');
    expect(await bothOpensFail(path)).toContain('0-byte file');
  });

  test('a store from a newer file format', async () => {
    const path = storePath();
    await makeStore(path);
    rewriteSuperblock(path, (sb) => ({ ...sb, formatVersion: 7 }));
    expect(await bothOpensFail(path)).toContain(
      'written by a newer version: file format 7, this build reads up to 1',
    );
  });

  test('a store whose index has a newer schema', async () => {
    const path = storePath();
    await makeStore(path);
    const file = StoreFile.open(path, false);
    const old = file.readRecord(file.superblock.checkpointOffset, file.superblock.checkpointLength);
    const SQL = await loadSqlJs();
    const db = new SQL.Database(old.body);
    db.run('PRAGMA user_version = 9');
    const { offset, length } = file.append([
      encodeRecord(RecordKind.Checkpoint, new Uint8Array(0), db.export()),
    ]);
    await file.commitLength(offset + length, { offset, length });
    db.close();
    file.close();
    expect(await bothOpensFail(path)).toContain(
      `written by a newer version: index schema 9, this build knows up to ${SCHEMA_VERSION}`,
    );
  });

  test('a truncated file, and a checkpoint past the end', async () => {
    const path = storePath();
    await makeStore(path);
    const size = readFileSync(path).length;
    truncateSync(path, size - 100);
    expect(await bothOpensFail(path)).toContain(
      `truncated: the file is ${size - 100} bytes but its superblock records ${size} durable bytes`,
    );
    truncateSync(path, 1000);
    expect(await bothOpensFail(path)).toContain(`truncated: the file is 1000 bytes`);

    const other = storePath();
    await makeStore(other);
    rewriteSuperblock(other, (sb) => ({ ...sb, checkpointOffset: sb.durableLength - 10 }));
    expect(await bothOpensFail(other)).toMatch(
      /truncated: the checkpoint at offset \d+ \(\d+ bytes\) ends past the durable length \d+/,
    );
  });

  test('both superblock slots damaged', async () => {
    const path = storePath();
    await makeStore(path);
    flipByte(path, SLOT_OFFSETS[0] + 20);
    flipByte(path, SLOT_OFFSETS[1] + 20);
    expect(await bothOpensFail(path)).toMatch(
      /superblock damaged: both slots fail \(at 0: checksum [0-9a-f]+ ≠ stored [0-9a-f]+; at 512: checksum [0-9a-f]+ ≠ stored [0-9a-f]+\)\. `piecrust-inspector check --store \S+ --repair` rebuilds the store/,
    );
  });

  test('a corrupted byte in the log replayed at open', async () => {
    const path = storePath();
    await makeStore(path, false);
    const file = StoreFile.open(path, true);
    const after = file.superblock.checkpointOffset + file.superblock.checkpointLength;
    file.close();
    const pages = recordsOf(path, RecordKind.Page, after);
    expect(pages.length).toBeGreaterThan(0);
    flipByte(path, pages[1] + 40);
    expect(await bothOpensFail(path)).toMatch(
      new RegExp(
        `corrupt record at offset ${pages[1]}: checksum [0-9a-f]+ ≠ stored [0-9a-f]+ \\(kind 2, \\d+ bytes\\)`,
      ),
    );
  });

  test('a corrupted byte in a checkpointed record: reads fail clearly, check reports it, the CLI exits 1', async () => {
    const path = storePath();
    const id = await makeStore(path);
    const target = recordsOf(path, RecordKind.Page).at(-1)!;
    flipByte(path, target + 30);
    const before = readFileSync(path);
    const store = await openFileStore(path, { readOnly: true });
    const report = checkStore(store);
    expect(report.ok).toBe(false);
    expect(
      report.problems.some(
        (p) => p.kind === 'corrupt-record' && p.message.includes(`offset ${target}`),
      ),
    ).toBe(true);
    await store.close();
    const vm = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    let error: unknown;
    try {
      const s = vm.session({ base: vm.commitRecords().at(-1)!.root });
      peek(s, id, 4, 0);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'PersistenceError')).toBe(true);
    await vm.close();
    const out: string[] = [];
    expect(
      await main(['check', '--store', path], { out: (l) => out.push(l), err: (l) => out.push(l) }),
    ).toBe(1);
    expect(out.join('\n')).toContain('DAMAGED');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('a torn tail (bytes past the durable length) is ignored, then dropped by the next writer', async () => {
    const path = storePath();
    await makeStore(path);
    const size = readFileSync(path).length;
    appendFileSync(path, new Uint8Array(5000).fill(0xee));
    const reader = await openFileStore(path, { readOnly: true });
    expect(reader.listCommits()).toHaveLength(5);
    await reader.close();
    expect(readFileSync(path).length).toBe(size + 5000);
    const writer = await openFileStore(path);
    expect(checkStore(writer).ok).toBe(true);
    await writer.close();
    expect(readFileSync(path).length).toBe(size);
  });

  test('the CLI: exit 0 on a sound store, 2 when the file cannot be opened', async () => {
    const path = storePath();
    await makeStore(path);
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await main(['check', '--store', path], io)).toBe(0);
    expect(out.join('\n')).toMatch(
      /5 commits, \d+ nodes, \d+ pages, 1 bytecodes, \d+ records verified\nok: no problems found/,
    );
    writeFileSync(path, 'nope');
    expect(await main(['check', '--store', path], io)).toBe(2);
    expect(out.at(-1)).toContain('not a piecrust store');
  });
});
