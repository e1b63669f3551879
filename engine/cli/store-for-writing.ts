/**
 * The store a writing command (`run --store FILE [--force]`) commits to. Opened here rather
 * than by path in `createVm`, so that `--force` reaches the store: without it a damaged store
 * is refused (engine/store/writer-admission.ts, the error says how to repair it); with it the
 * command goes on and says, on stderr, each problem it accepted.
 */
import type { CommitStore } from '../store/commit-store';
import { openFileStore } from '../store/file-store';
import type { Output } from './run-command';

export async function storeForWriting(
  path: string,
  force: boolean,
  io: Output,
): Promise<CommitStore | string> {
  if (path === ':memory:') return path;
  const store = await openFileStore(path, { force });
  for (const p of store.acceptedProblems)
    io.err(`warning: --force: writing to a damaged store: ${p.message}`);
  return store;
}
