/**
 * How a commit's journal is kept in the store: the engine's encoded journal behind a header that
 * lists the page versions it refers to, so that the store keeps those pages while the commit lives
 * (reachability.ts) without knowing anything else of journals. Layout:
 *
 *   "PIJ2" | u32 LE count | count × 32-byte page hashes | body (journal/codec.ts)
 *
 * Journals stored before page references (JSON text, "{"…) have no header and refer to no page.
 */
import { bytesToHex, hexToBytes } from '../core/ids';

const MAGIC = [0x50, 0x49, 0x4a, 0x32]; // "PIJ2"
const HASH = 32;

export function isContainer(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b);
}

export function wrapJournal(pageRefs: Iterable<string>, body: Uint8Array): Uint8Array {
  const refs = [...pageRefs];
  const out = new Uint8Array(8 + refs.length * HASH + body.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, refs.length, true);
  refs.forEach((r, i) => out.set(hexToBytes(r), 8 + i * HASH));
  out.set(body, 8 + refs.length * HASH);
  return out;
}

function refCount(bytes: Uint8Array): number {
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + count * HASH > bytes.length) {
    throw new Error(
      `journal header lists ${count} pages but the journal has ${bytes.length} bytes`,
    );
  }
  return count;
}

/** The page versions a stored journal refers to (none for older journals). */
export function journalPageRefs(bytes: Uint8Array): string[] {
  if (!isContainer(bytes)) return [];
  const count = refCount(bytes);
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(bytesToHex(bytes.subarray(8 + i * HASH, 8 + (i + 1) * HASH)));
  return out;
}

/** The journal itself, behind the header. */
export function journalBody(bytes: Uint8Array): Uint8Array {
  return isContainer(bytes) ? bytes.subarray(8 + refCount(bytes) * HASH) : bytes;
}
