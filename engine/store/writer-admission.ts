/**
 * Whether a writer may append to a store file, decided at open from its inspection
 * (store-inspection.ts). A store with problems is refused: a writer would build new commits on
 * damaged data, and `check` would go on calling the store damaged. The caller may force it
 * (`FileStoreOptions.force`, the CLI's `--force`) and is then told what it accepted — except
 * for intact records past the durable length, which refuse even a forced writer: its first
 * append would overwrite them, and they may hold an acknowledged commit.
 */
import { PiecrustError } from '../core/errors';
import { repairHint } from './repair-hint';
import type { StoreFile } from './store-file';
import {
  inspectStoreFile,
  inspectStoreFileSteps,
  type Inspection,
  type StoreProblem,
} from './store-inspection';

const LISTED = 5;

export interface Admission {
  /** The problems a forced writer accepted (empty for a sound store). */
  problems: StoreProblem[];
  /** Bytes past the durable length may be truncated away. */
  dropTail: boolean;
}

export function admitWriter(file: StoreFile, force: boolean): Admission {
  return decide(file, inspectStoreFile(file), force);
}

/**
 * `admitWriter` run between other work: the log is walked a couple of MiB at a time, letting
 * the event loop turn in between (reads of the store go on meanwhile). It stops, rejecting,
 * as soon as `stopped()` says the store was closed.
 */
export async function admitWriterInSteps(
  file: StoreFile,
  force: boolean,
  stopped: () => boolean,
): Promise<Admission> {
  const steps = inspectStoreFileSteps(file);
  for (;;) {
    if (stopped())
      throw new PiecrustError(
        'PersistenceError',
        `${file.path}: closed before writes were admitted`,
        {
          path: file.path,
        },
      );
    const step = steps.next();
    if (step.done === true) return decide(file, step.value, force);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function decide(file: StoreFile, inspection: Inspection, force: boolean): Admission {
  const { problems, tailDroppable } = inspection;
  if (problems.length === 0) return { problems, dropTail: tailDroppable };
  const blocking = problems.some((p) => p.blocksWriters);
  if (force && !blocking) return { problems, dropTail: tailDroppable };
  const listed = problems.slice(0, LISTED).map((p, i) => `(${i + 1}) ${p.message}`);
  if (problems.length > LISTED) listed.push(`and ${problems.length - LISTED} more`);
  const override = blocking
    ? '--force does not override this: a write would overwrite those records'
    : "to write to this file anyway, open it with the CLI's --force (the app opens sound stores only)";
  throw new PiecrustError(
    'PersistenceError',
    `${file.path}: refusing to write to a damaged store (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${listed.join('; ')}. Nothing was written. ${repairHint(file.path)}; ${override}`,
    { path: file.path, problems: problems.length, blocking },
  );
}
