/**
 * rkyv 0.7 serializer (spec §7.2), reproducing its bytes exactly: for each value, first the
 * out-of-line dependencies (string bytes, vec elements) depth-first in field order, then padding to
 * the archived alignment, then the archived value itself. The root is therefore the last object.
 *
 * Values are checked while their dependencies are serialized (every value is visited there before
 * it is written), so the write phase can trust them.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, isHex32 } from '../core/ids';
import { alignOf, payloadOffset, sizeOf, tupleOffsets } from './layout';
import { fitsF32, inIntRange, rangeText, type IntKind } from './numbers';
import { isNullable, type RkyvType, type ValueOf } from './types';
import { Writer } from './writer';

/** What the write phase needs from the dependency phase (positions, pre-encoded bytes). */
type Resolver = null | number | Uint8Array | StringResolver | Resolver[];

interface StringResolver {
  bytes: Uint8Array;
  /** Position of the out-of-line bytes; -1 when the string is stored inline. */
  pos: number;
}

/** Strings of up to 7 bytes live inside the 8-byte `ArchivedString`; byte 7 holds the length. */
export const INLINE_STRING_CAPACITY = 7;

const CONTRACT_ERROR_TAGS = { OutOfGas: 1, DoesNotExist: 2, Unknown: 3 } as const;
const utf8 = new TextEncoder();

/** Serialize `value` as an archived `type`; the returned buffer ends with the root object. */
export function encode<T extends RkyvType>(type: T, value: ValueOf<T>): Uint8Array {
  const w = new Writer();
  serializeValue(w, type, value as unknown, '');
  return w.result();
}

function serializeValue(w: Writer, type: RkyvType, value: unknown, path: string): number {
  const resolver = serializeDeps(w, type, value, path);
  w.padTo(alignOf(type));
  const at = w.reserve(sizeOf(type));
  resolve(w, type, value, resolver, at);
  return at;
}

function invalid(message: string, path: string, value: unknown): PiecrustError {
  const where = path ? ` at value${path}` : '';
  return new PiecrustError('InvalidInput', message + where, {
    path: path ? `value${path}` : 'value',
    value: describe(value),
  });
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value);
  }
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return String(value);
}

function checkInt(kind: IntKind, value: unknown, path: string): void {
  const wide = kind === 'u64' || kind === 'i64';
  if (wide ? typeof value !== 'bigint' : typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalid(
      `${kind} expects ${wide ? 'a bigint' : 'an integer number'}, got ${describe(value)}`,
      path,
      value,
    );
  }
  const n = typeof value === 'bigint' ? value : BigInt(value as number);
  if (!inIntRange(kind, n)) {
    throw invalid(`${kind} out of range: ${n} (${rangeText(kind)})`, path, value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

/** Phase 1: check the value and write everything the archived value will point to. */
function serializeDeps(w: Writer, type: RkyvType, value: unknown, path: string): Resolver {
  switch (type.kind) {
    case 'unit':
      if (value !== null && value !== undefined) {
        throw invalid(`() expects null, got ${describe(value)}`, path, value);
      }
      return null;
    case 'bool':
      if (typeof value !== 'boolean') {
        throw invalid(`bool expects a boolean, got ${describe(value)}`, path, value);
      }
      return null;
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 'i8':
    case 'i16':
    case 'i32':
    case 'i64':
      checkInt(type.kind, value, path);
      return null;
    case 'f32':
    case 'f64':
      if (typeof value !== 'number') {
        throw invalid(`${type.kind} expects a number, got ${describe(value)}`, path, value);
      }
      if (type.kind === 'f32' && !fitsF32(value)) {
        throw invalid(`f32 out of range: ${value}`, path, value);
      }
      return null;
    case 'string':
      if (typeof value !== 'string') {
        throw invalid(`String expects a string, got ${describe(value)}`, path, value);
      }
      return serializeString(w, value, path);
    case 'contractId':
      if (typeof value !== 'string' || !isHex32(value)) {
        throw invalid(`ContractId expects 64 hex digits, got ${describe(value)}`, path, value);
      }
      return hexToBytes(value);
    case 'contractError':
      return serializeContractErrorDeps(w, value, path);
    case 'vec':
      return serializeSlice(w, type.item, sequence(type.item, value, path, undefined), path);
    case 'array': {
      const items = sequence(type.item, value, path, type.length);
      if (items instanceof Uint8Array) return null;
      return items.map((item, i) => serializeDeps(w, type.item, item, `${path}[${i}]`));
    }
    case 'option': {
      if (value === null) return null;
      const some = optionPayload(type.some, value, path);
      return serializeDeps(w, type.some, some, `${path}.Some`);
    }
    case 'result': {
      if (isRecord(value) && 'ok' in value && !('err' in value)) {
        return serializeDeps(w, type.ok, value.ok, `${path}.Ok`);
      }
      if (isRecord(value) && 'err' in value && !('ok' in value)) {
        return serializeDeps(w, type.err, value.err, `${path}.Err`);
      }
      throw invalid(`Result expects { ok: … } or { err: … }, got ${describe(value)}`, path, value);
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.items.length) {
        throw invalid(
          `${type.items.length}-tuple expects an array of ${type.items.length}, got ${describe(value)}`,
          path,
          value,
        );
      }
      return type.items.map((item, i) => serializeDeps(w, item, value[i], `${path}.${i}`));
    }
  }
}

/** Some(v) of a type whose values can be null is written `{ some: v }` (see `ValueOf`). */
function optionPayload(some: RkyvType, value: unknown, path: string): unknown {
  if (!isNullable(some)) return value;
  if (isRecord(value) && 'some' in value) return value.some;
  throw invalid(
    `Option of a nullable type expects null or { some: … }, got ${describe(value)}`,
    path,
    value,
  );
}

function sequence(
  item: RkyvType,
  value: unknown,
  path: string,
  length: number | undefined,
): Uint8Array | readonly unknown[] {
  const bytes = item.kind === 'u8';
  const ok = bytes ? value instanceof Uint8Array : Array.isArray(value);
  const what = length === undefined ? 'Vec' : `array of ${length}`;
  if (!ok) {
    throw invalid(
      `${what} expects ${bytes ? 'a Uint8Array' : 'an array'}, got ${describe(value)}`,
      path,
      value,
    );
  }
  const items = value as Uint8Array | readonly unknown[];
  if (length !== undefined && items.length !== length) {
    throw invalid(`${what} got ${items.length} elements`, path, value);
  }
  return items;
}

// A lone surrogate has no UTF-8 form; TextEncoder would silently write U+FFFD instead.
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(w: Writer, text: string, path: string): StringResolver {
  if (LONE_SURROGATE.test(text)) {
    throw invalid('String contains a lone UTF-16 surrogate', path, text);
  }
  const bytes = utf8.encode(text);
  // `[u8]` has alignment 1, so out-of-line string bytes are written without padding.
  return { bytes, pos: bytes.length <= INLINE_STRING_CAPACITY ? -1 : w.write(bytes) };
}

/** `[T]::serialize_unsized`: all element dependencies, then the aligned, contiguous elements. */
function serializeSlice(
  w: Writer,
  item: RkyvType,
  items: Uint8Array | readonly unknown[],
  path: string,
): number {
  if (items instanceof Uint8Array) return w.write(items);
  const resolvers = items.map((v, i) => serializeDeps(w, item, v, `${path}[${i}]`));
  // rkyv aligns even for an empty slice, so an empty Vec<u32> can add padding.
  w.padTo(alignOf(item));
  const size = sizeOf(item);
  const pos = w.reserve(size * items.length);
  items.forEach((v, i) => resolve(w, item, v, resolvers[i], pos + i * size));
  return pos;
}

function serializeContractErrorDeps(w: Writer, value: unknown, path: string): Resolver {
  if (typeof value === 'string' && Object.hasOwn(CONTRACT_ERROR_TAGS, value)) return null;
  if (isRecord(value) && typeof value.panic === 'string') {
    return serializeString(w, value.panic, `${path}.Panic`);
  }
  throw invalid(
    `ContractError expects { panic: string } | 'OutOfGas' | 'DoesNotExist' | 'Unknown', got ${describe(value)}`,
    path,
    value,
  );
}

/** Phase 2: write the archived form of a checked value at `at` (zeroed bytes). */
function resolve(w: Writer, type: RkyvType, value: unknown, resolver: Resolver, at: number): void {
  const view = w.view;
  switch (type.kind) {
    case 'unit':
      return;
    case 'bool':
      view.setUint8(at, value ? 1 : 0);
      return;
    case 'u8':
      view.setUint8(at, value as number);
      return;
    case 'i8':
      view.setInt8(at, value as number);
      return;
    case 'u16':
      view.setUint16(at, value as number, true);
      return;
    case 'i16':
      view.setInt16(at, value as number, true);
      return;
    case 'u32':
      view.setUint32(at, value as number, true);
      return;
    case 'i32':
      view.setInt32(at, value as number, true);
      return;
    case 'u64':
      view.setBigUint64(at, value as bigint, true);
      return;
    case 'i64':
      view.setBigInt64(at, value as bigint, true);
      return;
    case 'f32':
      view.setFloat32(at, value as number, true);
      return;
    case 'f64':
      view.setFloat64(at, value as number, true);
      return;
    case 'string':
      resolveString(w, resolver as StringResolver, at);
      return;
    case 'contractId':
      w.buf.set(resolver as Uint8Array, at);
      return;
    case 'contractError':
      resolveContractError(w, value, resolver, at);
      return;
    case 'vec':
      view.setInt32(at, (resolver as number) - at, true);
      view.setUint32(at + 4, (value as ArrayLike<unknown>).length, true);
      return;
    case 'array': {
      if (value instanceof Uint8Array) {
        w.buf.set(value, at);
        return;
      }
      const size = sizeOf(type.item);
      const resolvers = resolver as Resolver[];
      (value as readonly unknown[]).forEach((v, i) =>
        resolve(w, type.item, v, resolvers[i], at + i * size),
      );
      return;
    }
    case 'option':
      if (value === null) return; // None: tag 0, payload left zero
      view.setUint8(at, 1);
      resolve(
        w,
        type.some,
        optionPayload(type.some, value, ''),
        resolver,
        at + payloadOffset(type.some),
      );
      return;
    case 'result': {
      const r = value as { ok?: unknown; err?: unknown };
      if ('ok' in r) {
        resolve(w, type.ok, r.ok, resolver, at + payloadOffset(type.ok));
      } else {
        view.setUint8(at, 1);
        resolve(w, type.err, r.err, resolver, at + payloadOffset(type.err));
      }
      return;
    }
    case 'tuple': {
      const offsets = tupleOffsets(type);
      const resolvers = resolver as Resolver[];
      type.items.forEach((item, i) =>
        resolve(w, item, (value as readonly unknown[])[i], resolvers[i], at + offsets[i]),
      );
      return;
    }
  }
}

function resolveString(w: Writer, r: StringResolver, at: number): void {
  if (r.pos < 0) {
    w.buf.set(r.bytes, at);
    w.view.setUint8(at + INLINE_STRING_CAPACITY, r.bytes.length);
  } else {
    // The offset is relative to the start of the repr (not of the offset field) and negative,
    // which is what sets the high bit of byte 7 and marks the string as out-of-line.
    w.view.setUint32(at, r.bytes.length, true);
    w.view.setInt32(at + 4, r.pos - at, true);
  }
}

function resolveContractError(w: Writer, value: unknown, resolver: Resolver, at: number): void {
  if (typeof value === 'string') {
    w.view.setUint8(at, CONTRACT_ERROR_TAGS[value as keyof typeof CONTRACT_ERROR_TAGS]);
  } else {
    resolveString(w, resolver as StringResolver, at + 4); // Panic: tag 0
  }
}
