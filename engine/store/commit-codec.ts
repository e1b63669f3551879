/**
 * The body of a commit record in the log: everything `CommitRecord` holds plus a summary of what
 * the commit wrote, so that replaying the log rebuilds the commits table without the checkpoint.
 * Layout, little endian:
 *
 *   u8 version (2) | u8 flags (bit 0: has parent, bit 1: finalized) | parent [32] | index root [32]
 *   | u32 contract count | f64 created at (ms) | u32 pages written | f64 bytes written
 *   | u32 label length | label (UTF-8) | u8 gas table (0 none, 1 head, 2 0.19)
 *   [version 3: | u32 pages changed | u32 contracts touched (n) | n × contract id [32]]
 *
 * Version 3 carries what the commit changed against its parent (CommitRecord `changes`, for the
 * commit graph); a commit without it is written as version 2, as before. Version 1 records
 * (written before gas tables were recorded) lack the gas table byte. The change travels in the
 * commit record rather than only in the index so that everything that rebuilds the index from
 * the log (replay after the checkpoint, `check --repair`) and compaction, which copies records
 * as they are, keep it.
 *
 * The record's key is the commit root. A later record of a root already stored is the same state
 * committed again: only its label counts (schema v4 indexes it in `commit_labels`).
 */
import { PiecrustError } from '../core/errors';
import { GAS_TABLE_NAMES } from '../core/gas-tables';
import { bytesToHex, hexToBytes, type ContractId, type Root } from '../core/ids';
import type { CommitChanges, CommitRecord } from './commit-store';

/** What one commit added to the file (schema v2 keeps it per commit). */
export interface CommitSummary {
  /** Pages this commit stored (pages already in the store are shared, not counted). */
  pagesWritten: number;
  /** Bytes this commit appended to the log. */
  bytesWritten: number;
}

const FIXED = 2 + 32 + 32 + 4 + 8 + 4 + 8 + 4;
/** Bytes after the label, by record version (version 3: and 32 per contract touched). */
const TRAILER: Record<number, number> = { 1: 0, 2: 1, 3: 1 + 4 + 4 };

export function encodeCommitBody(c: CommitRecord, summary: CommitSummary): Uint8Array {
  const label = new TextEncoder().encode(c.label);
  const version = c.changes === undefined ? 2 : 3;
  const touched = c.changes?.contractsTouched ?? [];
  const out = new Uint8Array(FIXED + label.length + TRAILER[version] + 32 * touched.length);
  const view = new DataView(out.buffer);
  out[0] = version;
  out[1] = (c.parent !== null ? 1 : 0) | (c.finalized ? 2 : 0);
  if (c.parent !== null) out.set(hexToBytes(c.parent), 2);
  out.set(hexToBytes(c.indexRoot), 34);
  view.setUint32(66, c.contractCount, true);
  view.setFloat64(70, c.createdAt, true);
  view.setUint32(78, summary.pagesWritten, true);
  view.setFloat64(82, summary.bytesWritten, true);
  view.setUint32(90, label.length, true);
  out.set(label, FIXED);
  out[FIXED + label.length] =
    c.gasTable === undefined ? 0 : GAS_TABLE_NAMES.indexOf(c.gasTable) + 1;
  if (c.changes !== undefined) {
    const at = FIXED + label.length + 1;
    view.setUint32(at, c.changes.pagesChanged, true);
    view.setUint32(at + 4, touched.length, true);
    touched.forEach((id, i) => out.set(hexToBytes(id), at + 8 + 32 * i));
  }
  return out;
}

/** Version 3's change (after the gas table byte), once the record's length is checked. */
function decodeChanges(view: DataView, body: Uint8Array, at: number): CommitChanges {
  const contractsTouched: ContractId[] = [];
  for (let i = 0, n = view.getUint32(at + 4, true); i < n; i++)
    contractsTouched.push(
      bytesToHex(body.subarray(at + 8 + 32 * i, at + 40 + 32 * i)) as ContractId,
    );
  return { pagesChanged: view.getUint32(at, true), contractsTouched };
}

export function decodeCommitBody(
  root: Uint8Array,
  body: Uint8Array,
): { commit: CommitRecord; summary: CommitSummary } {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const version = body[0];
  const labelLength = body.length >= FIXED ? view.getUint32(90, true) : 0;
  let trailer = TRAILER[version];
  // Version 3: the contracts touched, counted after the gas table byte and the pages changed.
  const countAt = FIXED + labelLength + 5;
  if (version === 3 && body.length >= countAt + 4) trailer += 32 * view.getUint32(countAt, true);
  if (
    root.length !== 32 ||
    body.length < FIXED ||
    trailer === undefined ||
    FIXED + labelLength + trailer !== body.length
  ) {
    throw new PiecrustError(
      'PersistenceError',
      `commit record of ${body.length} bytes does not decode (version ${body[0]})`,
      {
        length: body.length,
        version: body[0] ?? -1,
      },
    );
  }
  const commit: CommitRecord = {
    root: bytesToHex(root) as Root,
    parent: (body[1] & 1) !== 0 ? (bytesToHex(body.subarray(2, 34)) as Root) : null,
    indexRoot: bytesToHex(body.subarray(34, 66)),
    contractCount: view.getUint32(66, true),
    createdAt: view.getFloat64(70, true),
    label: new TextDecoder().decode(body.subarray(FIXED, FIXED + labelLength)),
    finalized: (body[1] & 2) !== 0,
  };
  const table = trailer > 0 ? GAS_TABLE_NAMES[body[FIXED + labelLength] - 1] : undefined;
  if (table !== undefined) commit.gasTable = table;
  if (version === 3) commit.changes = decodeChanges(view, body, FIXED + labelLength + 1);
  return {
    commit,
    summary: { pagesWritten: view.getUint32(78, true), bytesWritten: view.getFloat64(82, true) },
  };
}
