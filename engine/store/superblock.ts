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

type SlotState = { kind: 'valid'; sb: Superblock } | { kind: 'foreign' } | { kind: 'damaged' };

function hasMagic(slot: Uint8Array): boolean {
  return slot.length >= MAGIC.length && MAGIC.every((b, i) => slot[i] === b);
}

function decodeSlot(slot: Uint8Array): SlotState {
  if (!hasMagic(slot)) return { kind: 'foreign' };
  const view = new DataView(slot.buffer, slot.byteOffset, SLOT_SIZE);
  if (view.getUint32(56, true) !== crc32(slot.subarray(0, 56))) return { kind: 'damaged' };
  return {
    kind: 'valid',
    sb: {
      formatVersion: view.getUint32(8, true),
      generation: Number(view.getBigUint64(16, true)),
      durableLength: Number(view.getBigUint64(24, true)),
      checkpointOffset: Number(view.getBigUint64(32, true)),
      checkpointLength: Number(view.getBigUint64(40, true)),
    },
  };
}

function fail(
  path: string,
  message: string,
  details: Record<string, number | string> = {},
): PiecrustError {
  return new PiecrustError('PersistenceError', `${path}: ${message}`, { path, ...details });
}

/**
 * Read and validate the superblock of an open file of `fileSize` bytes: the newest valid slot
 * wins. Throws a PersistenceError for a file that is not a store, a newer format, a damaged
 * superblock, or a file shorter than what the superblock says is durable.
 */
export function readSuperblock(fd: number, fileSize: number, path: string): Superblock {
  const head = new Uint8Array(Math.min(LOG_START, fileSize));
  readSync(fd, head, 0, head.length, 0);
  const slots = SLOT_OFFSETS.map((at) => decodeSlot(head.subarray(at, at + SLOT_SIZE)));
  if (slots.every((s) => s.kind === 'foreign')) {
    throw fail(path, `not a piecrust store (no "PCRSTORE" magic in the ${fileSize}-byte file)`, {
      fileSize,
    });
  }
  const valid = slots.flatMap((s) => (s.kind === 'valid' ? [s.sb] : []));
  if (valid.length === 0) {
    throw fail(path, `superblock damaged: both slots (at 0 and 512) fail their checksums`, {
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
    throw fail(
      path,
      `superblock damaged: durable length ${sb.durableLength} is before the log start ${LOG_START}`,
      {
        durableLength: sb.durableLength,
      },
    );
  }
  if (fileSize < sb.durableLength) {
    throw fail(
      path,
      `truncated: the file is ${fileSize} bytes but its superblock records ${sb.durableLength} durable bytes`,
      {
        fileSize,
        durableLength: sb.durableLength,
      },
    );
  }
  const checkpointEnd = sb.checkpointOffset + sb.checkpointLength;
  if (
    sb.checkpointOffset !== 0 &&
    (sb.checkpointOffset < LOG_START || checkpointEnd > sb.durableLength)
  ) {
    throw fail(
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

/** The slot a superblock of this generation goes to: never the one holding the previous one. */
export function slotOffset(generation: number): number {
  return SLOT_OFFSETS[generation % 2];
}
