/**
 * The call panel's argument editor, before anything reaches the engine: raw hex, or a typed value
 * in the script value syntax (`{"i16": 17}`, `{"tuple": [{"u64": "5"}, {"bool": true}]}`). For
 * quick typing a scalar may also be written as `i16 17`, `u64 5`, `string hello`, `none u64`.
 * The engine does the rkyv encoding (`encodeValue`); these helpers parse, describe and lay out
 * the bytes of the live preview.
 */
import type { CallArgument, ScriptValue } from '../../../engine/api/types';
import { cleanHex, hexProblem } from '../common/lib/hex';
import { parseJsonText } from './json-input';

/** `json`: any JSON, encoded by the contract's data-driver (only offered when it has one). */
export type ArgMode = 'none' | 'hex' | 'value' | 'json';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const INT_TYPES = ['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64'] as const;
const SCALARS = [...INT_TYPES, 'f32', 'f64', 'bool', 'string', 'bytes', 'contractId'] as const;
const KEYS = new Set<string>([...SCALARS, 'option', 'tuple', 'unit']);

/** Types offered by the shorthand and the type menu of the editor. */
export const VALUE_TYPES: readonly string[] = SCALARS;

function shorthand(text: string): Parsed<ScriptValue> | undefined {
  const m = text.match(/^(\w+)\s*[:=]?\s*([\s\S]*)$/);
  if (m === null) return undefined;
  const [, type, rest] = m;
  const body = rest.trim();
  if (type === 'unit' && body === '') return { ok: true, value: { unit: null } };
  if (type === 'none') {
    return body === ''
      ? { ok: false, error: 'write the payload type of a None, e.g. "none u64"' }
      : { ok: true, value: { option: null, of: body } };
  }
  if (!(SCALARS as readonly string[]).includes(type)) return undefined;
  if (body === '')
    return {
      ok: false,
      error: `${type} needs a value, e.g. "${type} ${type === 'bool' ? 'true' : type === 'string' ? 'hello' : '1'}"`,
    };
  switch (type) {
    case 'bool':
      if (body !== 'true' && body !== 'false')
        return { ok: false, error: 'a bool is true or false' };
      return { ok: true, value: { bool: body === 'true' } };
    case 'string':
      return {
        ok: true,
        value: { string: body.startsWith('"') ? (JSON.parse(body) as string) : body },
      };
    case 'bytes':
    case 'contractId':
      return { ok: true, value: { [type]: body } };
    case 'f32':
    case 'f64': {
      const n = Number(body);
      return Number.isNaN(n) && body !== 'NaN'
        ? { ok: false, error: `"${body}" is not a number` }
        : { ok: true, value: { [type]: n } };
    }
    default: {
      if (!/^-?\d+$/.test(body)) return { ok: false, error: `"${body}" is not an integer` };
      // u64/i64 travel as strings: JSON numbers lose precision past 2^53.
      const wide = type === 'u64' || type === 'i64';
      return { ok: true, value: { [type]: wide ? body : Number(body) } };
    }
  }
}

function checkShape(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    if (!/^0x/i.test(value))
      return `${path}: a bare string is raw bytes and must start with 0x (use {"string": "…"} for text)`;
    // The engine reads these verbatim, so no spaces or separators here (unlike the hex mode).
    if (!/^0x[0-9a-f]*$/i.test(value))
      return `${path}: raw bytes are 0x and hex digits, without spaces`;
    return value.length % 2 === 0
      ? undefined
      : `${path}: an odd number of hex digits (each byte is two)`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `${path}: expected "0x…" or an object like {"u32": 7}`;
  }
  const keys = Object.keys(value).filter((k) => k !== 'of');
  if (keys.length !== 1 || !KEYS.has(keys[0])) {
    return `${path}: expected one of ${[...KEYS].join(', ')} as the only key`;
  }
  const key = keys[0];
  const inner = (value as Record<string, unknown>)[key];
  if (key === 'tuple') {
    if (!Array.isArray(inner)) return `${path}.tuple: expected an array of values`;
    for (let i = 0; i < inner.length; i++) {
      const problem = checkShape(inner[i], `${path}.tuple[${i}]`);
      if (problem !== undefined) return problem;
    }
  }
  if (key === 'option' && inner !== null) return checkShape(inner, `${path}.option`);
  return undefined;
}

export function parseValueText(text: string): Parsed<ScriptValue> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'type a value, e.g. {"i16": 17} or i16 17' };
  if (/^[{["]/.test(trimmed)) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      return { ok: false, error: `not valid JSON: ${(e as Error).message}` };
    }
    const problem = checkShape(value, 'value');
    return problem === undefined ? { ok: true, value } : { ok: false, error: problem };
  }
  if (/^0x/i.test(trimmed)) {
    const problem = hexProblem(trimmed);
    return problem === undefined
      ? { ok: true, value: '0x' + cleanHex(trimmed) }
      : { ok: false, error: problem };
  }
  return (
    shorthand(trimmed) ?? {
      ok: false,
      error: `"${trimmed.split(/\s/)[0]}" is not a type (try ${SCALARS.slice(0, 6).join(', ')}, … or JSON)`,
    }
  );
}

/**
 * A contract's name put into the typed value at the cursor (replacing the selection); into an
 * empty editor as the whole value, `contractId <name>`. Returns the text and where the cursor
 * goes after the name.
 */
export function insertAt(
  text: string,
  start: number,
  end: number,
  name: string,
): { text: string; caret: number } {
  if (text.trim() === '') {
    const whole = `contractId ${name}`;
    return { text: whole, caret: whole.length };
  }
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + name + text.slice(to), caret: from + name.length };
}

/** What the call request carries for the editor's mode and text. */
export function parseArgument(mode: ArgMode, text: string): Parsed<CallArgument | undefined> {
  if (mode === 'none') return { ok: true, value: undefined };
  if (mode === 'hex') {
    const problem = hexProblem(text);
    return problem === undefined
      ? { ok: true, value: { hex: '0x' + cleanHex(text) } }
      : { ok: false, error: problem };
  }
  if (mode === 'json') {
    const json = parseJsonText(text);
    return json.ok ? { ok: true, value: { json: json.value } } : json;
  }
  const parsed = parseValueText(text);
  return parsed.ok ? { ok: true, value: { value: parsed.value } } : parsed;
}

/** The Rust type a typed value encodes as, for the preview caption (`Option<i16>`, `(u64, bool)`). */
export function describeValue(value: ScriptValue): string {
  if (typeof value === 'string') return `${Math.floor(cleanHex(value).length / 2)} raw bytes`;
  if (value === null || typeof value !== 'object') return '?';
  const record = value as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k !== 'of') ?? '?';
  const inner = record[key];
  switch (key) {
    case 'option':
      return `Option<${inner === null ? String(record.of ?? '?') : describeValue(inner)}>`;
    case 'tuple':
      return `(${(inner as unknown[]).map(describeValue).join(', ')})`;
    case 'unit':
      return '()';
    case 'string':
      return 'String';
    case 'bytes':
      return 'Vec<u8>';
    case 'contractId':
      return 'ContractId';
    default:
      return key;
  }
}

export interface PreviewRow {
  offset: string;
  bytes: string[];
}

/** The preview's hex laid out as a small dump: 16 bytes a row, at most `maxRows` rows. */
export function previewRows(
  hex: string,
  maxRows = 8,
  perRow = 16,
): { rows: PreviewRow[]; total: number; truncated: boolean } {
  const clean = cleanHex(hex);
  const total = clean.length / 2;
  const rows: PreviewRow[] = [];
  for (let r = 0; r * perRow < total && r < maxRows; r++) {
    const bytes: string[] = [];
    for (let i = r * perRow; i < Math.min(total, (r + 1) * perRow); i++)
      bytes.push(clean.slice(2 * i, 2 * i + 2));
    rows.push({ offset: (r * perRow).toString(16).padStart(4, '0'), bytes });
  }
  return { rows, total, truncated: total > maxRows * perRow };
}

/** The argument as text for the editor when a journal call is replayed from the Steps view. */
export function argumentText(hex: string): { mode: ArgMode; text: string } {
  return cleanHex(hex) === '' ? { mode: 'none', text: '' } : { mode: 'hex', text: hex };
}

/** Parses a gas limit: a u64 in decimal, with optional `_`/`,` separators. */
export function parseGas(text: string): Parsed<string> {
  const clean = text.trim().replace(/[_,\s]/g, '');
  if (!/^\d+$/.test(clean)) return { ok: false, error: 'gas is a whole number' };
  if (BigInt(clean) > 2n ** 64n - 1n)
    return { ok: false, error: 'gas is a u64 (at most 18446744073709551615)' };
  return { ok: true, value: BigInt(clean).toString() };
}
