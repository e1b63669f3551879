/**
 * What a commit knows about one contract, stored content-addressed (keyed by its BLAKE3 hash) and
 * reached from the commit's contract index. Binary layout, little endian:
 *
 *   u8 version (1) | u8 flags (bit 0: wasm64) | id [32] | code hash [32] | page-tree root [32]
 *   | u32 internal position | u64 memory length | u32 owner length | owner bytes
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes, toContractId, type ContractId } from '../core/ids';

export interface ContractRecord {
  id: ContractId;
  codeHash: string;
  pageRoot: Uint8Array;
  /** Leaf index in the contracts tree (HEAD's internal position, 1-based). */
  position: number;
  memoryLen: number;
  is64: boolean;
  owner: Uint8Array;
}

const VERSION = 1;
const FIXED = 2 + 32 * 3 + 4 + 8 + 4;

export function encodeContractRecord(r: ContractRecord): Uint8Array {
  const out = new Uint8Array(FIXED + r.owner.length);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out[1] = r.is64 ? 1 : 0;
  out.set(hexToBytes(r.id), 2);
  out.set(hexToBytes(r.codeHash), 34);
  out.set(r.pageRoot, 66);
  view.setUint32(98, r.position, true);
  view.setBigUint64(102, BigInt(r.memoryLen), true);
  view.setUint32(110, r.owner.length, true);
  out.set(r.owner, FIXED);
  return out;
}

export function decodeContractRecord(bytes: Uint8Array): ContractRecord {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < FIXED || bytes[0] !== VERSION) {
    throw new PiecrustError(
      'PersistenceError',
      `corrupt contract record (${bytes.length} bytes, version ${bytes[0]})`,
      {
        length: bytes.length,
      },
    );
  }
  const ownerLen = view.getUint32(110, true);
  if (FIXED + ownerLen !== bytes.length) {
    throw new PiecrustError(
      'PersistenceError',
      `corrupt contract record: owner of ${ownerLen} bytes in ${bytes.length}`,
      {
        length: bytes.length,
        ownerLen,
      },
    );
  }
  return {
    id: toContractId(bytes.subarray(2, 34)),
    codeHash: bytesToHex(bytes.subarray(34, 66)),
    pageRoot: bytes.slice(66, 98),
    position: view.getUint32(98, true),
    memoryLen: Number(view.getBigUint64(102, true)),
    is64: (bytes[1] & 1) === 1,
    owner: bytes.slice(FIXED),
  };
}

/**
 * piecrust's `position_from_contract`: the id's eight little-endian u32 words added with
 * wrapping. Two ids with the same value collide (spec §6.2).
 */
export function positionFromContract(id: ContractId | Uint8Array): number {
  const bytes = typeof id === 'string' ? hexToBytes(id) : id;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 32);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum = (sum + view.getUint32(i * 4, true)) >>> 0;
  return sum;
}
