/**
 * Journal ⇄ bytes for storage with its commit, and ⇄ plain JSON for the API: byte arrays as
 * hex strings, gas as decimal strings. Versioned so that old stores stay readable.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes } from '../core/ids';
import type { Journal } from './types';

const FORMAT = 1;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function toJson(value: unknown): Json {
  if (value instanceof Uint8Array) return { $bytes: bytesToHex(value) };
  if (typeof value === 'bigint') return { $u64: value.toString() };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return value as Json;
}

function fromJson(value: Json): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    if (typeof value.$bytes === 'string') return hexToBytes(value.$bytes);
    if (typeof value.$u64 === 'string') return BigInt(value.$u64);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromJson(v);
    return out;
  }
  return value;
}

export function encodeJournal(journal: Journal): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ format: FORMAT, journal: toJson(journal) }));
}

export function decodeJournal(bytes: Uint8Array): Journal {
  let parsed: { format?: unknown; journal?: Json };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as { format?: unknown; journal?: Json };
  } catch (e) {
    throw new PiecrustError(
      'PersistenceError',
      `journal is not valid JSON: ${(e as Error).message}`,
      {},
    );
  }
  if (parsed.format !== FORMAT || parsed.journal === undefined) {
    throw new PiecrustError(
      'PersistenceError',
      `unsupported journal format ${String(parsed.format)} (expected ${FORMAT})`,
      {
        format: String(parsed.format),
      },
    );
  }
  return fromJson(parsed.journal) as Journal;
}
