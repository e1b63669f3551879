/**
 * The file-level health of a store: what `check` reports besides its commits, and what a
 * writer must know before it appends (writer-admission.ts). It looks where an open does not:
 *
 * - the superblock slots: a damaged one, or two that the write protocol cannot have left;
 * - the log before the checkpoint (the open loads the checkpoint and replays only what follows
 *   it): every record's checksum, so a flipped bit in data the index points at, or in a record
 *   nothing points at any more, is found before a writer builds on it;
 * - the bytes past the durable length. When both slots are sound they were never acknowledged:
 *   the slot that would have made them durable is intact and says otherwise (a write cut short
 *   by a crash), so a writer drops them. When a slot is damaged, intact records there may be
 *   an acknowledged commit whose superblock was lost — they are reported, and no writer may
 *   overwrite them; `check --repair` copies them into a new file.
 *
 * Nothing is written. The cost is one sequential read of the log before the checkpoint (the open
 * reads the rest): checksums run at GB/s, so it is what reading the file costs.
 */
import { bytesToHex } from '../core/ids';
import { RECORD_HEADER, RecordKind } from './file-format';
import { walkLogSteps } from './log-walk';
import type { StoreFile } from './store-file';
import { LOG_START, slotProblems } from './superblock';

export type StoreProblemKind = 'superblock-slot' | 'records-past-durable-end' | 'corrupt-record';

export interface StoreProblem {
  kind: StoreProblemKind;
  offset: number;
  message: string;
  /** No writer may go on past it, not even forced: a write would overwrite intact records. */
  blocksWriters: boolean;
}

export interface Inspection {
  problems: StoreProblem[];
  /** What is worth knowing but harms nothing (a crash's unacknowledged tail). */
  notes: string[];
  /** The bytes past the durable length may be dropped: never acknowledged, or nothing intact. */
  tailDroppable: boolean;
  /** Records whose checksum was verified. */
  records: number;
}

interface Tail {
  bytes: number;
  intact: number;
  intactBytes: number;
  commits: string[];
}

function describeCommits(roots: string[]): string {
  if (roots.length === 0) return '';
  const shown = roots.slice(0, 3).join(', ');
  return `, with ${roots.length === 1 ? 'commit' : `${roots.length} commits:`} ${shown}${roots.length > 3 ? ', …' : ''}`;
}

export function inspectStoreFile(file: StoreFile): Inspection {
  const steps = inspectStoreFileSteps(file);
  for (let step = steps.next(); ; step = steps.next()) if (step.done === true) return step.value;
}

/** `inspectStoreFile` in steps (log-walk.ts `walkLogSteps`); its return value is the inspection. */
export function* inspectStoreFileSteps(file: StoreFile): Generator<void, Inspection, void> {
  const problems: StoreProblem[] = [];
  const notes: string[] = [];
  const read = (offset: number, length: number, into?: Uint8Array): Uint8Array =>
    file.readAt(offset, length, into);
  const slotIssues = slotProblems(file.slots);
  for (const { at, message } of slotIssues)
    problems.push({ kind: 'superblock-slot', offset: at, message, blocksWriters: false });

  let records = 0;
  const sb = file.superblock;
  yield* walkLogSteps(
    read,
    LOG_START,
    sb.checkpointOffset === 0 ? LOG_START : sb.checkpointOffset,
    {
      record: () => records++,
      damage: (d) =>
        problems.push({
          kind: 'corrupt-record',
          offset: d.offset,
          message: d.message,
          blocksWriters: false,
        }),
    },
  );

  const durable = sb.durableLength;
  const tail: Tail = {
    bytes: Math.max(0, file.size() - durable),
    intact: 0,
    intactBytes: 0,
    commits: [],
  };
  yield* walkLogSteps(read, durable, durable + tail.bytes, {
    record: (_offset, header, bytes) => {
      tail.intact++;
      tail.intactBytes += header.length;
      if (header.kind === RecordKind.Commit)
        tail.commits.push(bytesToHex(bytes().subarray(RECORD_HEADER, RECORD_HEADER + 32)));
    },
    damage: () => {},
  });
  records += tail.intact;

  let tailDroppable = true;
  if (tail.bytes > 0) {
    const what = `${tail.bytes} bytes past the durable length ${durable}`;
    const intact = `${tail.intact} intact record${tail.intact === 1 ? '' : 's'} (${tail.intactBytes} bytes${describeCommits(tail.commits)})`;
    if (slotIssues.length === 0) {
      notes.push(
        `${what} (${intact}) were never acknowledged: the superblock slot that would have made them durable is intact and older (a write cut short by a crash, or one still in progress); the next writer drops them`,
      );
    } else if (tail.intact > 0) {
      tailDroppable = false;
      problems.push({
        kind: 'records-past-durable-end',
        offset: durable,
        message: `${intact} lie in the ${what}, and with a superblock slot damaged nothing proves they were never acknowledged: a writer would overwrite them`,
        blocksWriters: true,
      });
    } else {
      notes.push(`${what} hold no intact record; a writer (with --force) drops them`);
    }
  }
  return { problems, notes, tailDroppable, records };
}
