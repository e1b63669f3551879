// One writer per store file: the lock file next to it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openFileStore } from './file-store';
import { tempDir } from './store-testing';

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
