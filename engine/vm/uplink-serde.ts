/**
 * JSON forms of `ContractId` and `Event`, as piecrust-uplink's optional `serde` feature writes
 * and reads them (spec §1.7, §9.30 UNIT-5), so that ids and events exchanged with Rust tooling
 * (Rusk's JSON APIs, uplink's `serde_json`) round-trip unchanged:
 *
 * - a `ContractId` is a string of 64 lowercase hex digits (the 32 bytes, no `0x`);
 * - an `Event` is `{"source": <id>, "topic": <string>, "data": <hex>, "reverted": <bool>}`,
 *   in that key order; a missing `reverted` reads as `false` (JSON written before HEAD added it).
 *
 * The `…ToJson` / `…FromJson` pairs work on JSON text (`serde_json::to_string` / `from_str`);
 * the `…JsonValue` pairs on the parsed value, for embedding in a larger JSON document.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes, type ContractId } from '../core/ids';
import type { Event } from './types';

/** uplink's `CONTRACT_ID_BYTES`. */
const CONTRACT_ID_BYTES = 32;

export interface EventJson {
  source: string;
  topic: string;
  /** The event's bytes as lowercase hex. */
  data: string;
  reverted: boolean;
}

export function contractIdToJsonValue(id: ContractId): string {
  // ContractId is already lowercase hex internally; re-encoding guards against a mis-branded value.
  return bytesToHex(decodeHex(id, 'ContractId'));
}

/** The `hex` crate's rules: any case, even length, no prefix; then exactly 32 bytes. */
export function contractIdFromJsonValue(value: unknown): ContractId {
  if (typeof value !== 'string') {
    throw invalid(`ContractId JSON must be a hex string, got ${summarize(value)}`, {
      type: jsonType(value),
    });
  }
  const bytes = decodeHex(value, 'ContractId');
  if (bytes.length !== CONTRACT_ID_BYTES) {
    throw invalid(
      `ContractId JSON must be ${CONTRACT_ID_BYTES} bytes (${CONTRACT_ID_BYTES * 2} hex digits), ` +
        `got ${bytes.length} bytes: "${clip(value)}"`,
      { length: bytes.length, expected: CONTRACT_ID_BYTES },
    );
  }
  return bytesToHex(bytes) as ContractId;
}

export function eventToJsonValue(event: Event): EventJson {
  return {
    source: contractIdToJsonValue(event.source),
    topic: event.topic,
    data: bytesToHex(event.data),
    reverted: event.reverted,
  };
}

/**
 * Unknown keys are ignored, as serde's derived deserializer (which uplink uses) does; every key
 * but `reverted` is required.
 */
export function eventFromJsonValue(value: unknown): Event {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`Event JSON must be an object, got ${summarize(value)}`, {
      type: jsonType(value),
    });
  }
  const fields = value as Record<string, unknown>;
  for (const key of ['source', 'topic', 'data']) {
    if (!(key in fields)) throw invalid(`Event JSON is missing "${key}"`, { field: key });
  }
  const { source, topic, data, reverted = false } = fields;
  if (typeof topic !== 'string') {
    throw invalid(`Event JSON "topic" must be a string, got ${summarize(topic)}`, {
      field: 'topic',
    });
  }
  if (typeof data !== 'string') {
    throw invalid(`Event JSON "data" must be a hex string, got ${summarize(data)}`, {
      field: 'data',
    });
  }
  if (typeof reverted !== 'boolean') {
    throw invalid(`Event JSON "reverted" must be a boolean, got ${summarize(reverted)}`, {
      field: 'reverted',
    });
  }
  return {
    source: contractIdFromJsonValue(source),
    topic,
    data: decodeHex(data, 'Event "data"'),
    reverted,
  };
}

export function contractIdToJson(id: ContractId): string {
  return JSON.stringify(contractIdToJsonValue(id));
}

export function contractIdFromJson(text: string): ContractId {
  return contractIdFromJsonValue(parseJson(text, 'ContractId'));
}

export function eventToJson(event: Event): string {
  return JSON.stringify(eventToJsonValue(event));
}

export function eventFromJson(text: string): Event {
  return eventFromJsonValue(parseJson(text, 'Event'));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid(`${what} JSON is not valid JSON: ${(e as Error).message}`, {
      text: clip(text),
    });
  }
}

function decodeHex(text: string, what: string): Uint8Array {
  // hexToBytes also accepts a `0x` prefix, which the `hex` crate does not.
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) {
    throw invalid(`${what} JSON is not an even-length hex string: "${clip(text)}"`, {
      length: text.length,
    });
  }
  return hexToBytes(text);
}

function invalid(message: string, details: Record<string, string | number>): PiecrustError {
  return new PiecrustError('InvalidInput', message, details);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function summarize(value: unknown): string {
  return `${jsonType(value)} ${clip(JSON.stringify(value) ?? String(value))}`;
}

/** Bad input can be large: error messages quote at most its first 80 characters. */
function clip(text: string): string {
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}
