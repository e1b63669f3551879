/**
 * Fault injection for the store's damage tests (never imported by production code): real store
 * files on disk with commits in them, then bits flipped, bytes cut or records appended where a
 * crash or a failing disk would leave them. Sweeps draw their positions from a fixed seed, so a
 * failure names a flip that can be replayed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toContractId, type ContractId, type Root } from '../core/ids';
import { createVm, type Vm } from '../vm/vm';
import { main } from '../cli/main';
import { openFileStore, type FileStoreOptions } from '../store/file-store';
import { RecordKind } from '../store/file-format';
import { StoreFile } from '../store/store-file';
import { fill, firstWord, GAS, OWNER, pagesBytecode, peek, tempDir } from './store-testing';

export const CONTRACT: ContractId = toContractId(new Uint8Array(32).fill(5));

export interface History {
  /** Every acknowledged commit, oldest first; commit i (> 0) wrote page i with seed 100 + i. */
  roots: Root[];
}

/**
 * A store of `commits` commits (a deploy, then one page each). `checkpoint: false` closes it as
 * a crash would, so the newest superblock slot is the last commit's, not a checkpoint's;
 * `finalize` (3 commits or more) finalizes the second commit; `compact` deletes a throwaway branch and compacts
 * before the last commit.
 */
export async function makeHistory(
  path: string,
  commits: number,
  options: { checkpoint?: boolean; finalize?: boolean; compact?: boolean } = {},
): Promise<History> {
  const store = await openFileStore(path);
  const vm = await createVm({ store });
  let s = vm.session();
  s.deploy(await pagesBytecode(), { owner: OWNER, contractId: CONTRACT }, GAS);
  const roots = [await s.commit('c0')];
  for (let i = 1; i < commits; i++) {
    if (options.compact === true && i === commits - 1) {
      s = vm.session({ base: roots[0] });
      fill(s, CONTRACT, 9, 999, 16384);
      await vm.deleteCommit(await s.commit('branch'));
      await store.compact();
    }
    s = vm.session({ base: roots[i - 1] });
    fill(s, CONTRACT, i, 100 + i);
    roots.push(await s.commit(`c${i}`));
    // Once the next commit stands on it (a finalized commit is no base), before a compaction.
    if (options.finalize === true && i === 2) await vm.finalizeCommit(roots[1]);
  }
  await store.close({ checkpoint: options.checkpoint ?? true });
  return { roots };
}

/** The commits a reader finds, each one's page checked against what it wrote (finalized ones: no session). */
export async function readBack(path: string, history: History): Promise<Root[]> {
  const vm: Vm = await createVm({ store: await openFileStore(path, { readOnly: true }) });
  try {
    const records = vm.commitRecords();
    const present = records.map((c) => c.root);
    const readable = new Set(records.filter((c) => !c.finalized).map((c) => c.root));
    for (const [i, root] of history.roots.entries()) {
      if (i === 0 || !readable.has(root)) continue;
      const s = vm.session({ base: root });
      const word = peek(s, CONTRACT, i, 0);
      s.close();
      if (word !== firstWord(100 + i)) throw new Error(`commit ${i} reads ${word} on page ${i}`);
    }
    return present;
  } finally {
    await vm.close();
  }
}

export function flipBit(path: string, offset: number, bit: number): void {
  const bytes = readFileSync(path);
  bytes[offset] ^= 1 << bit;
  writeFileSync(path, bytes);
}

export function superblockOf(path: string): StoreFile['superblock'] {
  const file = StoreFile.open(path, true);
  const sb = file.superblock;
  file.close();
  return sb;
}

/** Offsets and lengths of the records of one kind in the durable log. */
export function recordsOf(
  path: string,
  kind: RecordKind,
): Array<{ offset: number; length: number }> {
  const file = StoreFile.open(path, true);
  const out: Array<{ offset: number; length: number }> = [];
  file.scan(4096, file.durableLength, (record, offset) => {
    if (record.kind === kind) out.push({ offset, length: record.length });
  });
  file.close();
  return out;
}

/** A deterministic generator of integers in [0, n): xorshift32 from `seed`. */
export function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

/** A temporary directory removed by `cleanups`, and a store path in it. */
export function tempStore(cleanups: Array<() => void>, name = 'state.pis'): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, name);
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** The CLI in-process, its output collected. */
export async function cli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export interface JsonCheck {
  ok: boolean;
  problems: Array<{ kind: string; offset?: number; message: string }>;
  notes?: string[];
}

/** `check --store PATH --json`: its exit code and report (or error). */
export async function checkJson(path: string): Promise<{ code: number; report: JsonCheck }> {
  const run = await cli(['check', '--store', path, '--json']);
  return { code: run.code, report: JSON.parse(run.out) as JsonCheck };
}

/** `check --store PATH --repair --out PATH.repaired`: the copy's path, which must check clean. */
export async function repairCli(path: string): Promise<string> {
  const target = `${path}.repaired`;
  const run = await cli(['check', '--store', path, '--repair', '--out', target]);
  if (run.code !== 0) throw new Error(`check --repair exited ${run.code}: ${run.out}\n${run.err}`);
  return target;
}

/** The problem kinds of a report, sorted, without repeats. */
export function problemKinds(report: JsonCheck): string[] {
  return [...new Set(report.problems.map((p) => p.kind))].sort();
}

/** The error a writer's open gets, checking that the file and its lock are left as they were. */
export async function writerError(path: string, options: FileStoreOptions = {}): Promise<string> {
  const before = readFileSync(path);
  let message = 'opened';
  try {
    await (await openFileStore(path, options)).close();
  } catch (e) {
    message = (e as Error).message;
  }
  if (!readFileSync(path).equals(before)) throw new Error(`a writer's open changed ${path}`);
  if (existsSync(`${path}-lock`)) throw new Error(`a writer's open left ${path}-lock`);
  return message;
}
