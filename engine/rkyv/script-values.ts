/**
 * Values as scripts and the CLI write them (design "Scripts and CLI"). A bare `"0x…"` string is
 * raw bytes passed as is; every other value is a one-key object naming its Rust type and is
 * rkyv-encoded: `{"u32": 7}`, `{"u64": "5"}`, `{"bytes": "0x01"}` (a `Vec<u8>`),
 * `{"contractId": "counter"}`, `{"option": null}`, `{"tuple": [{"i16": -3}, {"bool": true}]}`.
 *
 * `None` has no payload to infer its type from, but its size depends on it (`None::<i16>` is 4
 * bytes, `None::<u64>` 16), so an option may name its payload type: `{"option": null, "of": "u64"}`.
 * Without `of`, `None` is `None::<()>`, a single zero byte.
 *
 * Errors are `PiecrustError('InvalidInput')` prefixed with the path of keys and indices leading to
 * the bad part, e.g. "tuple[1].u8: out of range 300 (0..=255)".
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, type ContractId } from '../core/ids';
import { encode, LONE_SURROGATE } from './encode';
import { fitsF32, inIntRange, isIntKind, rangeText, type IntKind } from './numbers';
import { formatType, parseType } from './type-names';
import { isNullable, t, typeEquals, type RkyvType, type RkyvValue } from './types';

export type ScriptValue =
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'typed'; readonly type: RkyvType; readonly value: RkyvValue };

/** Maps a deployed contract's script name, or a `0x…` id, to its id; throws if unknown. */
export type ContractResolver = (nameOrHex: string) => ContractId;

const VALUE_KEYS = [
  'u8',
  'u16',
  'u32',
  'u64',
  'i8',
  'i16',
  'i32',
  'i64',
  'f32',
  'f64',
  'bool',
  'string',
  'bytes',
  'contractId',
  'option',
  'tuple',
  'unit',
] as const;

interface Typed {
  type: RkyvType;
  value: RkyvValue;
}

export function parseScriptValue(json: unknown, resolveContract: ContractResolver): ScriptValue {
  if (typeof json === 'string') {
    if (!/^0x/i.test(json)) {
      throw fail(
        'value',
        `a string value must be "0x…" raw bytes; typed values are objects like {"u32": 7}, got ${show(json)}`,
      );
    }
    return { kind: 'raw', bytes: hex('value', json) };
  }
  const { type, value } = typed(json, '', resolveContract);
  return { kind: 'typed', type, value };
}

/** The bytes a script value stands for: raw bytes as written, typed values rkyv-encoded. */
export function encodeScriptValue(json: unknown, resolveContract: ContractResolver): Uint8Array {
  const parsed = parseScriptValue(json, resolveContract);
  return parsed.kind === 'raw' ? parsed.bytes : encode(parsed.type, parsed.value);
}

/** The Rust type a script value encodes, or 'raw' for `"0x…"`; validates the value like encoding. */
export function scriptValueType(json: unknown): RkyvType | 'raw' {
  // Only the shape matters here, so any contract name is accepted.
  const parsed = parseScriptValue(json, () => '0'.repeat(64) as ContractId);
  return parsed.kind === 'raw' ? 'raw' : parsed.type;
}

function fail(path: string, message: string): PiecrustError {
  return new PiecrustError('InvalidInput', `${path || 'value'}: ${message}`, {
    path: path || 'value',
  });
}

function show(json: unknown): string {
  if (json === undefined) return 'nothing';
  const text = typeof json === 'bigint' ? `${json}` : JSON.stringify(json);
  return text.length > 60 ? text.slice(0, 60) + '…' : text;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function hex(path: string, text: string): Uint8Array {
  try {
    return hexToBytes(text);
  } catch {
    throw fail(path, `expected a "0x…" hex byte string, got ${show(text)}`);
  }
}

function typed(json: unknown, path: string, resolve: ContractResolver): Typed {
  if (typeof json === 'string' && /^0x/i.test(json)) {
    throw fail(
      path,
      `raw "0x…" bytes can only be a whole value; use {"bytes": ${show(json)}} for a Vec<u8>`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw fail(path, `expected a typed value like {"u32": 7}, got ${show(json)}`);
  }
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = keys.find((k) => k !== 'of') ?? keys[0];
  const extra = keys.filter((k) => k !== key && !(k === 'of' && key === 'option'));
  if (key === undefined) throw fail(path, `expected a typed value like {"u32": 7}, got {}`);
  if (!(VALUE_KEYS as readonly string[]).includes(key)) {
    throw fail(path, `unknown value type "${key}" (expected one of ${VALUE_KEYS.join(', ')})`);
  }
  if (extra.length > 0) {
    throw fail(
      path,
      `a typed value has exactly one key, got ${keys.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  const inner = record[key];
  const at = join(path, key);
  if (isIntKind(key)) return { type: t[key], value: integer(key, inner, at) };
  switch (key) {
    case 'f32':
    case 'f64':
      if (typeof inner !== 'number') throw fail(at, `expected a number, got ${show(inner)}`);
      if (key === 'f32' && !fitsF32(inner)) throw fail(at, `out of range ${inner} for f32`);
      return { type: t[key], value: inner };
    case 'bool':
      if (typeof inner !== 'boolean') throw fail(at, `expected true or false, got ${show(inner)}`);
      return { type: t.bool, value: inner };
    case 'string':
      if (typeof inner !== 'string') throw fail(at, `expected a string, got ${show(inner)}`);
      if (LONE_SURROGATE.test(inner)) throw fail(at, 'contains a lone UTF-16 surrogate');
      return { type: t.string, value: inner };
    case 'bytes':
      if (typeof inner !== 'string') {
        throw fail(at, `expected a "0x…" hex byte string, got ${show(inner)}`);
      }
      return { type: t.bytes, value: hex(at, inner) };
    case 'contractId':
      return { type: t.contractId, value: contractId(inner, at, resolve) };
    case 'unit':
      if (inner !== null) throw fail(at, `expected null, got ${show(inner)}`);
      return { type: t.unit, value: null };
    case 'tuple': {
      if (!Array.isArray(inner)) throw fail(at, `expected an array of values, got ${show(inner)}`);
      const items = inner.map((item, i) => typed(item, `${at}[${i}]`, resolve));
      return { type: t.tuple(...items.map((i) => i.type)), value: items.map((i) => i.value) };
    }
    default:
      return option(record, path, resolve);
  }
}

function integer(kind: IntKind, json: unknown, path: string): number | bigint {
  const wide = kind === 'u64' || kind === 'i64';
  let n: bigint;
  if (typeof json === 'number' && Number.isInteger(json)) {
    if (wide && !Number.isSafeInteger(json)) {
      throw fail(
        path,
        `${json} is not a safe integer; write ${kind} values beyond 2^53 as decimal strings`,
      );
    }
    n = BigInt(json);
  } else if (wide && typeof json === 'string' && /^-?[0-9]+$/.test(json)) {
    n = BigInt(json);
  } else {
    throw fail(
      path,
      wide
        ? `expected a decimal string or a safe integer, got ${show(json)}`
        : `expected an integer, got ${show(json)}`,
    );
  }
  if (!inIntRange(kind, n)) throw fail(path, `out of range ${n} (${rangeText(kind)})`);
  return wide ? n : Number(n);
}

function contractId(json: unknown, path: string, resolve: ContractResolver): ContractId {
  if (typeof json !== 'string' || json === '') {
    throw fail(path, `expected a contract name or "0x…" id, got ${show(json)}`);
  }
  try {
    return resolve(json);
  } catch (e) {
    throw fail(path, e instanceof Error ? e.message : String(e));
  }
}

function option(record: Record<string, unknown>, path: string, resolve: ContractResolver): Typed {
  const at = join(path, 'option');
  let declared: RkyvType | undefined;
  if ('of' in record) {
    if (typeof record.of !== 'string') {
      throw fail(join(path, 'of'), `expected a Rust type name like "u64", got ${show(record.of)}`);
    }
    try {
      declared = parseType(record.of);
    } catch (e) {
      throw fail(join(path, 'of'), (e as Error).message);
    }
  }
  if (record.option === null) return { type: t.option(declared ?? t.unit), value: null };
  const some = typed(record.option, at, resolve);
  if (declared && !typeEquals(declared, some.type)) {
    throw fail(at, `value is ${formatType(some.type)} but "of" says ${formatType(declared)}`);
  }
  return {
    type: t.option(some.type),
    value: isNullable(some.type) ? { some: some.value } : some.value,
  };
}
