/**
 * The superblock: what a reader must know before it trusts any byte of the log — how far the
 * log is durable and where the last checkpoint is. Two checksummed 64-byte slots (at 0 and
 * 512) are written alternately, each with a higher generation, so a write torn by a crash
 * spoils at most the slot being written and the other still describes a durable state.
 * Layout of a slot, little endian:
 *
 *   magic "PCRSTORE" | u32 format version | u32 log start | u64 generation | u64 durable length
 *   | u64 checkpoint offset (0: none) | u64 checkpoint length | u64 reserved | u32 crc32 of the
 *   56 bytes before it | u32 zero
 *
 * The log itself starts at 4096, after both slots.
 */
import { readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { PiecrustError } from '../core/errors';
import { repairableError } from './repair-hint';

export const FORMAT_VERSION = 1;
export const LOG_START = 4096;
export const SLOT_SIZE = 64;
export const SLOT_OFFSETS = [0, 512] as const;
const MAGIC = new TextEncoder().encode('PCRSTORE');

export interface Superblock {
  formatVersion: number;
  generation: number;
  /** Bytes of the file that are durable: everything past it is a torn tail. */
  durableLength: number;
  /** Offset of the checkpoint record the index is loaded from; 0 when there is none yet. */
  checkpointOffset: number;
  checkpointLength: number;
}

export function encodeSlot(sb: Superblock): Uint8Array {
  const out = new Uint8Array(SLOT_SIZE);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, sb.formatVersion, true);
  view.setUint32(12, LOG_START, true);
  view.setBigUint64(16, BigInt(sb.generation), true);
  view.setBigUint64(24, BigInt(sb.durableLength), true);
  view.setBigUint64(32, BigInt(sb.checkpointOffset), true);
  view.setBigUint64(40, BigInt(sb.checkpointLength), true);
  view.setUint32(56, crc32(out.subarray(0, 56)), true);
  return out;
}

/** What one slot holds. `damaged` carries the reason, with the numbers. */
export type SlotState =
  | { kind: 'valid'; at: number; sb: Superblock; trailer: number }
  | { kind: 'absent'; at: number }
  | { kind: 'damaged'; at: number; reason: string };

function hasMagic(slot: Uint8Array): boolean {
  return slot.length >= MAGIC.length && MAGIC.every((b, i) => slot[i] === b);
}

function decodeSlot(head: Uint8Array, at: number): SlotState {
  const slot = head.subarray(at, at + SLOT_SIZE);
  if (!hasMagic(slot)) return { kind: 'absent', at };
  if (slot.length < SLOT_SIZE)
    return { kind: 'damaged', at, reason: `the file ends at ${at + slot.length}, inside it` };
  const view = new DataView(slot.buffer, slot.byteOffset, SLOT_SIZE);
  const stored = view.getUint32(56, true);
  const actual = crc32(slot.subarray(0, 56));
  if (stored !== actual) {
    return {
      kind: 'damaged',
      at,
      reason: `checksum ${actual.toString(16)} ≠ stored ${stored.toString(16)}`,
    };
  }
  return {
    kind: 'valid',
    at,
    // Outside the checksum: a flip there harms nothing, but is reported (`slotProblems`).
    trailer: view.getUint32(60, true),
    sb: {
      formatVersion: view.getUint32(8, true),
      generation: Number(view.getBigUint64(16, true)),
      durableLength: Number(view.getBigUint64(24, true)),
      checkpointOffset: Number(view.getBigUint64(32, true)),
      checkpointLength: Number(view.getBigUint64(40, true)),
    },
  };
}

/**
 * Both slots of an open file of `fileSize` bytes. A slot without the magic while the other has
 * it was a slot once (a store writes both at creation): it counts as damaged.
 */
export function readSlots(fd: number, fileSize: number): SlotState[] {
  const head = new Uint8Array(Math.min(LOG_START, fileSize));
  let read = 0;
  while (read < head.length) {
    const n = readSync(fd, head, read, head.length - read, read);
    if (n === 0) break;
    read += n;
  }
  const slots = SLOT_OFFSETS.map((at) => decodeSlot(head.subarray(0, read), at));
  if (slots.every((s) => s.kind === 'absent')) return slots;
  return slots.map((s) =>
    s.kind === 'absent'
      ? {
          kind: 'damaged',
          at: s.at,
          reason: s.at >= read ? `the file ends at ${read}, before it` : `no "PCRSTORE" magic`,
        }
      : s,
  );
}

/** The newest slot that passes its checksum, whatever else is wrong with the superblock. */
export function newestValidSlot(slots: SlotState[]): Superblock | undefined {
  let newest: Superblock | undefined;
  for (const s of slots)
    if (s.kind === 'valid' && (newest === undefined || s.sb.generation > newest.generation))
      newest = s.sb;
  return newest;
}

/**
 * What is wrong with the slots of a readable store, one line each: a damaged slot, or two valid
 * slots that the write protocol cannot have left (a generation in the other generation's slot,
 * or generations that are not consecutive). Empty when both slots are as a writer leaves them —
 * the only state in which bytes past the durable length are provably never acknowledged.
 */
export function slotProblems(slots: SlotState[]): Array<{ at: number; message: string }> {
  const problems: Array<{ at: number; message: string }> = [];
  for (const s of slots) {
    if (s.kind === 'damaged')
      problems.push({ at: s.at, message: `superblock slot at ${s.at} is damaged (${s.reason})` });
    if (s.kind === 'valid' && s.trailer !== 0) {
      problems.push({
        at: s.at,
        message: `superblock slot at ${s.at}: its last 4 bytes (outside the checksum) are ${s.trailer.toString(16)}, not zero`,
      });
    }
    if (s.kind === 'valid' && slotOffset(s.sb.generation) !== s.at) {
      problems.push({
        at: s.at,
        message: `superblock slot at ${s.at} holds generation ${s.sb.generation}, which belongs in the slot at ${slotOffset(s.sb.generation)}`,
      });
    }
  }
  const valid = slots.flatMap((s) => (s.kind === 'valid' ? [s.sb.generation] : []));
  if (valid.length === 2 && Math.abs(valid[0] - valid[1]) !== 1) {
    problems.push({
      at: SLOT_OFFSETS[0],
      message: `the superblock slots hold generations ${valid[0]} and ${valid[1]}, not consecutive`,
    });
  }
  return problems;
}

function fail(
  path: string,
  message: string,
  details: Record<string, number | string> = {},
): PiecrustError {
  return new PiecrustError('PersistenceError', `${path}: ${message}`, { path, ...details });
}

/**
 * The superblock of a file of `fileSize` bytes: the newest valid slot. Throws a
 * PersistenceError for a file that is not a store or is of a newer format, and a repairable
 * one (repair-hint.ts) for a damaged superblock or a file shorter than what it says is durable:
 * the log itself still holds every intact record.
 */
export function chooseSuperblock(slots: SlotState[], fileSize: number, path: string): Superblock {
  if (slots.every((s) => s.kind === 'absent')) {
    throw fail(path, `not a piecrust store (no "PCRSTORE" magic in the ${fileSize}-byte file)`, {
      fileSize,
    });
  }
  const valid = slots.flatMap((s) => (s.kind === 'valid' ? [s.sb] : []));
  if (valid.length === 0) {
    const reasons = slots.map((s) => `at ${s.at}: ${s.kind === 'damaged' ? s.reason : s.kind}`);
    throw repairableError(path, `superblock damaged: both slots fail (${reasons.join('; ')})`, {
      fileSize,
    });
  }
  const sb = valid.reduce((a, b) => (b.generation > a.generation ? b : a));
  if (sb.formatVersion > FORMAT_VERSION) {
    throw fail(
      path,
      `written by a newer version: file format ${sb.formatVersion}, this build reads up to ${FORMAT_VERSION}`,
      {
        formatVersion: sb.formatVersion,
        supported: FORMAT_VERSION,
      },
    );
  }
  if (sb.durableLength < LOG_START) {
    throw repairableError(
      path,
      `superblock damaged: durable length ${sb.durableLength} is before the log start ${LOG_START}`,
      { durableLength: sb.durableLength },
    );
  }
  if (fileSize < sb.durableLength) {
    throw repairableError(
      path,
      `truncated: the file is ${fileSize} bytes but its superblock records ${sb.durableLength} durable bytes`,
      { fileSize, durableLength: sb.durableLength },
    );
  }
  const checkpointEnd = sb.checkpointOffset + sb.checkpointLength;
  if (
    sb.checkpointOffset !== 0 &&
    (sb.checkpointOffset < LOG_START || checkpointEnd > sb.durableLength)
  ) {
    throw repairableError(
      path,
      `truncated: the checkpoint at offset ${sb.checkpointOffset} (${sb.checkpointLength} bytes) ends past the durable length ${sb.durableLength}`,
      {
        checkpointOffset: sb.checkpointOffset,
        checkpointLength: sb.checkpointLength,
        durableLength: sb.durableLength,
        fileSize,
      },
    );
  }
  return sb;
}

/** Read and validate the superblock of an open file (`chooseSuperblock` of `readSlots`). */
export function readSuperblock(fd: number, fileSize: number, path: string): Superblock {
  return chooseSuperblock(readSlots(fd, fileSize), fileSize, path);
}

/** The slot a superblock of this generation goes to: never the one holding the previous one. */
export function slotOffset(generation: number): number {
  return SLOT_OFFSETS[generation % 2];
}
