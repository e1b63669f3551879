/**
 * The end of writing a whole store file from scratch (compaction, repair): its index as a
 * checkpoint record after the log, then both superblock slots pointing at it, so that the new
 * file never depends on a single slot. The caller fsyncs and renames it into place
 * (writeFileAtomically).
 */
import { writeAll, type BufferedWriter } from './atomic-file';
import { encodeRecord, RecordKind } from './file-format';
import { encodeSlot, FORMAT_VERSION, slotOffset } from './superblock';

export function sealStoreFile(out: BufferedWriter, fd: number, index: Uint8Array): void {
  const checkpoint = encodeRecord(RecordKind.Checkpoint, new Uint8Array(0), index);
  const checkpointOffset = out.add(checkpoint);
  out.flush();
  const sb = {
    formatVersion: FORMAT_VERSION,
    durableLength: out.position,
    checkpointOffset,
    checkpointLength: checkpoint.length,
  };
  writeAll(fd, [encodeSlot({ ...sb, generation: 1 })], slotOffset(1));
  writeAll(fd, [encodeSlot({ ...sb, generation: 0 })], slotOffset(0));
}
