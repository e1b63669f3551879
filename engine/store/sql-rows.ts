/**
 * The index's rows as records and back: commit rows (their columns by schema version), contract
 * metadata rows, and 32-byte ids as the BLOBs the index stores.
 */
import type { SqlValue } from 'sql.js';
import { isGasTableName } from '../core/gas-tables';
import { bytesToHex, type ContractId, type Root } from '../core/ids';
import type { ContractMeta } from './contract-meta';
import type { CommitRecord } from './commit-store';

export const COMMIT_COLUMNS =
  'root, parent, index_root, contract_count, label, created_at, finalized';
/** The commit columns a schema version has (v3 added the gas table, v6 the change). */
export const commitColumns = (version: number): string =>
  version >= 6
    ? `${COMMIT_COLUMNS}, gas_table, pages_changed, contracts_touched`
    : version >= 3
      ? `${COMMIT_COLUMNS}, gas_table`
      : COMMIT_COLUMNS;

export function asBytes(v: SqlValue): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(0);
}

export function toCommit(row: SqlValue[]): CommitRecord {
  const commit: CommitRecord = {
    root: bytesToHex(asBytes(row[0])) as Root,
    parent: row[1] === null ? null : (bytesToHex(asBytes(row[1])) as Root),
    indexRoot: bytesToHex(asBytes(row[2])),
    contractCount: Number(row[3]),
    label: String(row[4]),
    createdAt: Number(row[5]),
    finalized: Number(row[6]) !== 0,
  };
  if (isGasTableName(row[7])) commit.gasTable = row[7];
  // A change is recorded when its pages count is (no contracts touched may be stored as NULL).
  if (row[8] !== undefined && row[8] !== null)
    commit.changes = { pagesChanged: Number(row[8]), contractsTouched: contractIds(row[9]) };
  return commit;
}

/** The 32-byte ids stored one after the other in `contracts_touched`. */
function contractIds(v: SqlValue | undefined): ContractId[] {
  const bytes = v instanceof Uint8Array ? v : new Uint8Array(0);
  const ids: ContractId[] = [];
  for (let at = 0; at + 32 <= bytes.length; at += 32)
    ids.push(bytesToHex(bytes.subarray(at, at + 32)) as ContractId);
  return ids;
}

export function contractIdBytes(ids: ContractId[]): Uint8Array {
  const out = new Uint8Array(32 * ids.length);
  ids.forEach((id, i) => out.set(hex32(id), 32 * i));
  return out;
}

export function toMeta(row: SqlValue[]): ContractMeta {
  const meta: ContractMeta = {};
  if (row[0] !== null) meta.name = String(row[0]);
  if (row[1] !== null) meta.driver = bytesToHex(asBytes(row[1]));
  return meta;
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** A 32-byte id as the BLOB the index stores (on every read: kept cheap). Non-hex → zeros. */
export function hex32(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  if (hex.length !== 64) return out;
  for (let i = 0; i < 32; i++) {
    const hi = NIBBLE[hex.charCodeAt(2 * i) & 127];
    const lo = NIBBLE[hex.charCodeAt(2 * i + 1) & 127];
    if (hi < 0 || lo < 0) return new Uint8Array(32);
    out[i] = (hi << 4) | lo;
  }
  return out;
}
