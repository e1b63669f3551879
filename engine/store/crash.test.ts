// kill -9 a writer at random points, over hundreds of commits: every acknowledged commit (and
// delete) survives, and the store checks clean.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { toContractId, type Root } from '../core/ids';
import { createVm } from '../vm/vm';
import { checkStore } from './check';
import { openFileStore } from './file-store';
import { firstWord, peek, tempDir } from '../testing/store-testing';

// The writer, bundled by the tests' global setup (tests/session-worker-setup.mjs), else its source.
const BUNDLED_WRITER = process.env.PIECRUST_CRASH_WRITER;
const WRITER_ARGS =
  BUNDLED_WRITER !== undefined
    ? ['--experimental-wasm-memory64', BUNDLED_WRITER]
    : [
        '--experimental-wasm-memory64',
        '--import',
        'tsx',
        fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url)),
      ];
const CONTRACT = toContractId(new Uint8Array(32).fill(7));

interface Acks {
  commits: Map<Root, { page: number; seed: number }>;
  /** Deletes begun: those commits may or may not be there. */
  deleting: Set<Root>;
  deleted: Set<Root>;
}

/** Run the writer until it has acknowledged `minAcks` operations, wait `delayMs` more, kill -9. */
function runAndKill(
  path: string,
  seed: number,
  minAcks: number,
  delayMs: number,
  acks: Acks,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...WRITER_ARGS, path, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let count = 0;
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // a line cut by the kill was never acknowledged
      for (const line of lines) {
        const [op, root, page, fillSeed] = line.split(' ');
        if (op === 'C')
          acks.commits.set(root as Root, { page: Number(page), seed: Number(fillSeed) });
        if (op === 'd') acks.deleting.add(root as Root);
        if (op === 'D') acks.deleted.add(root as Root);
        count++;
      }
      if (count >= minAcks && killTimer === undefined)
        killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve(count);
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

test('acknowledged commits survive SIGKILL at random points', { timeout: 90_000 }, async () => {
  const { dir, remove } = tempDir('piecrust-crash-');
  const path = join(dir, 'crash.pcstore');
  const seed = Math.floor(Math.random() * 1e6);
  let state = seed || 1;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const acks: Acks = { commits: new Map(), deleting: new Set(), deleted: new Set() };
  try {
    let total = 0;
    for (let round = 0; round < 8; round++) {
      total += await runAndKill(path, seed + round, 5 + random(60), random(300), acks);
      // After every crash a reader sees every acknowledged commit.
      const reader = await openFileStore(path, { readOnly: true });
      const present = new Set(reader.listCommits().map((c) => c.root));
      for (const root of acks.commits.keys())
        if (!acks.deleting.has(root)) expect(present.has(root), `seed ${seed}: ${root}`).toBe(true);
      for (const root of acks.deleted)
        expect(present.has(root), `seed ${seed}: deleted ${root}`).toBe(false);
      await reader.close();
    }
    expect(total, `seed ${seed}`).toBeGreaterThan(200);

    const vm = await createVm({ store: path });
    const report = checkStore(vm.store);
    expect(report.problems, `seed ${seed}`).toEqual([]);
    const live = [...acks.commits].filter(
      ([root, { page }]) => !acks.deleting.has(root) && page > 0,
    );
    for (const [root, { page, seed: fillSeed }] of live.filter((_, i) => i % 7 === 0)) {
      const s = vm.session({ base: root });
      expect(peek(s, CONTRACT, page, 0), `seed ${seed}: ${root}`).toBe(firstWord(fillSeed));
      s.close();
    }
    await vm.close();
    expect(readdirSync(dir).sort(), 'no lock or temporary file left behind').toEqual([
      'crash.pcstore',
    ]);
  } finally {
    remove();
  }
});
