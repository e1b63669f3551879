/**
 * `check --repair`: a new store file rebuilt from every intact record of a damaged one
 * (log-rebuild.ts), with a fresh checkpoint and both superblock slots. Never in place: the
 * damaged file is only read, so a repair that goes wrong loses nothing, and the user compares
 * the two before replacing one with the other. The copy is written under a temporary name and
 * renamed into place (atomic-file.ts); an existing file at the target is never replaced.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { PiecrustError } from '../core/errors';
import { BufferedWriter, writeFileAtomically } from './atomic-file';
import { rebuildIndex } from './log-rebuild';
import type { DamagedRange } from './log-walk';
import { canonicalStorePath } from './real-path';
import type { SqlWasm } from './sql-js';
import { StoreFile } from './store-file';
import { sealStoreFile } from './seal-store-file';
import { LOG_START, newestValidSlot } from './superblock';

export interface RepairResult {
  source: string;
  target: string;
  commits: number;
  /** Records copied, and their bytes. */
  records: number;
  bytes: number;
  /** Records copied from past the durable length (a lost superblock may have acknowledged them). */
  pastDurable: number;
  /** What was left behind. */
  damaged: DamagedRange[];
}

/** `dir/name.repaired.ext` next to the store. */
export function defaultRepairTarget(source: string): string {
  const ext = extname(source);
  return join(dirname(source), `${basename(source, ext)}.repaired${ext}`);
}

export async function repairStoreFile(
  source: string,
  target: string,
  wasm?: SqlWasm,
): Promise<RepairResult> {
  const from = canonicalStorePath(source);
  const to = canonicalStorePath(target);
  if (to === from) {
    throw new PiecrustError(
      'PersistenceError',
      `${from}: a repair never writes over the store it repairs; name another file`,
      { path: from },
    );
  }
  if (existsSync(to)) {
    throw new PiecrustError(
      'PersistenceError',
      `${to} already exists; a repair writes a new file only (name another with --out)`,
      { path: to },
    );
  }
  const file = StoreFile.openForSalvage(from);
  try {
    let result: RepairResult | undefined;
    await writeFileAtomically(to, async (fd) => {
      const out = new BufferedWriter(fd, LOG_START);
      const rebuilt = await rebuildIndex(file, {
        wasm,
        durableLength: newestValidSlot(file.slots)?.durableLength,
        place: (bytes) => out.add(bytes),
      });
      try {
        sealStoreFile(out, fd, rebuilt.index.export());
        result = {
          source: from,
          target: to,
          commits: rebuilt.index.commitCount(),
          records: rebuilt.records,
          bytes: rebuilt.bytes,
          pastDurable: rebuilt.pastDurable,
          damaged: rebuilt.damaged,
        };
      } finally {
        rebuilt.index.close();
      }
    });
    return result!;
  } finally {
    file.close();
  }
}
