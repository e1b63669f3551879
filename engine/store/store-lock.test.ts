// One writer per store file: the lock file next to it.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { toContractId, type Root } from '../core/ids';
import { createVm } from '../vm/vm';
import { openFileStore } from './file-store';
import { fill, GAS, OWNER, pagesBytecode, tempDir } from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storePath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'locked.pcstore');
}

async function openMessage(path: string): Promise<string> {
  try {
    await (await openFileStore(path)).close();
  } catch (e) {
    return (e as Error).message;
  }
  return 'opened';
}

describe('store lock', () => {
  test('held while a writer is open, released on close; readers need none', async () => {
    const path = storePath();
    const writer = await openFileStore(path);
    expect(JSON.parse(readFileSync(`${path}-lock`, 'utf8'))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    expect(await openMessage(path)).toBe(
      `${path} is locked by pid ${process.pid} on ${hostname()} (another writer has it open; open it read-only, or remove ${path}-lock if that process is gone)`,
    );
    const reader = await openFileStore(path, { readOnly: true });
    await reader.close();
    await writer.close();
    expect(existsSync(`${path}-lock`)).toBe(false);
    expect(await openMessage(path)).toBe('opened');
  });

  test('a lock left by a process that is gone is taken over', async () => {
    const path = storePath();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(`${path}-lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
    expect(await openMessage(path)).toBe('opened');
  });

  test('a lock held by a live process is respected', async () => {
    const path = storePath();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${path}-lock`, JSON.stringify({ pid: child.pid, host: hostname() }));
      expect(await openMessage(path)).toContain(`is locked by pid ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a half-written lock is respected while fresh and taken over once old', async () => {
    const path = storePath();
    writeFileSync(`${path}-lock`, '');
    expect(await openMessage(path)).toContain('is locked by an unknown process');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}-lock`, old, old);
    expect(await openMessage(path)).toBe('opened');
  });
});

// The lock belongs to the file, not to the path: a symlink (to the file or to its directory),
// a relative path or a hard link must not let a second writer in. Before this was so, the
// second writer's commits overwrote the first one's acknowledged ones.
describe('one writer per file, whatever the path to it', () => {
  /** A store with one commit, written and closed through `path`. */
  async function commitOnce(path: string, label: string, id = 9): Promise<Root> {
    const store = await openFileStore(path);
    const vm = await createVm({ store });
    const s = vm.session();
    const contractId = toContractId(new Uint8Array(32).fill(id));
    s.deploy(await pagesBytecode(), { owner: OWNER, contractId }, GAS);
    fill(s, contractId, 1, id); // distinct memory: the root does not cover contract ids
    const root = await s.commit(label);
    await vm.close();
    return root;
  }

  /**
   * Open a writer on `first`, then try a second one on `second`; if it gets in, let both commit
   * (as two processes would). Returns the second open's error and what a reader finds.
   */
  async function twoWriters(
    first: string,
    second: string,
  ): Promise<{ error: string; lost: Root[] }> {
    const a = await createVm({ store: await openFileStore(first) });
    let b: Awaited<ReturnType<typeof createVm>> | undefined;
    let error = 'opened';
    try {
      b = await createVm({ store: await openFileStore(second) });
    } catch (e) {
      error = (e as Error).message;
    }
    const acknowledged: Root[] = [];
    for (const [i, vm] of [a, b].entries()) {
      if (vm === undefined) continue;
      const s = vm.session();
      s.deploy(
        await pagesBytecode(),
        { owner: OWNER, contractId: toContractId(new Uint8Array(32).fill(i + 1)) },
        GAS,
      );
      fill(s, toContractId(new Uint8Array(32).fill(i + 1)), 1, 10 + i);
      acknowledged.push(await s.commit(`writer ${i}`));
    }
    await b?.close();
    await a.close();
    const reader = await openFileStore(first, { readOnly: true });
    const present = new Set(reader.listCommits().map((c) => c.root));
    await reader.close();
    return { error, lost: acknowledged.filter((r) => !present.has(r)) };
  }

  test('through a symlink to the file, or to its directory, or a relative path', async () => {
    const path = storePath();
    await commitOnce(path, 'genesis');
    const { dir: other, remove } = tempDir();
    cleanups.push(remove);
    const fileLink = join(other, 'alias.pcstore');
    symlinkSync(path, fileLink);
    const dirLink = join(other, 'dir-alias');
    symlinkSync(dirname(path), dirLink);
    const viaDir = join(dirLink, basename(path));
    const relativePath = relative(process.cwd(), path);
    for (const [first, second] of [
      [path, fileLink],
      [fileLink, path],
      [path, viaDir],
      [viaDir, fileLink],
      [relativePath, fileLink],
    ]) {
      const { error, lost } = await twoWriters(first, second);
      expect(lost, `${first} then ${second}: acknowledged commits lost`).toEqual([]);
      expect(error, `${first} then ${second}`).toBe(
        `${path} is locked by pid ${process.pid} on ${hostname()} (another writer has it open; open it read-only, or remove ${path}-lock if that process is gone)`,
      );
    }
    expect(readdirSync(dirname(path)).sort()).toEqual([basename(path)]);
    expect(readdirSync(other).sort()).toEqual(['alias.pcstore', 'dir-alias']);
  });

  test('through a hard link in another directory: a file with two names takes no writer', async () => {
    const path = storePath();
    await commitOnce(path, 'genesis');
    const { dir: other, remove } = tempDir();
    cleanups.push(remove);
    const hard = join(other, 'hard.pcstore');
    // The first writer opened the file while it had one name; the link is made afterwards.
    const a = await openFileStore(path);
    linkSync(path, hard);
    expect(await openMessage(hard)).toBe(
      `${hard}: the store file has 2 names (hard links); a writer through another name would not see this writer's lock, and compaction would split the names into two diverging stores. Writers refuse it: remove the other names (or copy the file), or open it read-only`,
    );
    await a.close();
    // Neither name takes a writer while both exist; readers are fine.
    const { error, lost } = await twoWriters(hard, path).catch((e: Error) => ({
      error: e.message,
      lost: [],
    }));
    expect(error).toContain('the store file has 2 names (hard links)');
    expect(lost).toEqual([]);
    const reader = await openFileStore(hard, { readOnly: true });
    expect(reader.listCommits()).toHaveLength(1);
    await reader.close();
    unlinkSync(hard);
    expect(await openMessage(path)).toBe('opened');
  });

  test('a writer through a symlink compacts the file it points at, and keeps the symlink', async () => {
    const path = storePath();
    const { dir: other, remove } = tempDir();
    cleanups.push(remove);
    const link = join(other, 'alias.pcstore');
    const first = await commitOnce(path, 'genesis');
    symlinkSync(path, link);
    const second = await commitOnce(link, 'again', 10);
    const store = await openFileStore(link);
    await store.compact();
    await store.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const reader = await openFileStore(path, { readOnly: true });
    expect(reader.listCommits().map((c) => c.root)).toEqual([first, second]);
    await reader.close();
  });

  test('a dangling symlink is refused, not replaced by a new store', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const link = join(dir, 'dangling.pcstore');
    symlinkSync(join(dir, 'nowhere', 'x.pcstore'), link);
    expect(await openMessage(link)).toBe(
      `${link} is a symbolic link to ${join(dir, 'nowhere', 'x.pcstore')}, which does not exist`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
