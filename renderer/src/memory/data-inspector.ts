/**
 * The data inspector: the bytes at the hex cursor read as every scalar a contract might store
 * there (as hex editors do), in little- or big-endian. wasm is little-endian, so LE is the
 * default; a pointer is a u32 (wasm32) or u64 (wasm64) that the view offers to follow.
 */

export type Endian = 'le' | 'be';

export interface InspectorField {
  key: string;
  label: string;
  /** The value as text, or undefined when there are too few bytes. */
  text: string | undefined;
}

export interface InspectorResult {
  fields: InspectorField[];
  /** Where the pointer at the cursor points, when it is inside memory. */
  pointer: number | undefined;
  pointerText: string | undefined;
}

const INTS = [
  { key: 'u8', size: 1, signed: false },
  { key: 'i8', size: 1, signed: true },
  { key: 'u16', size: 2, signed: false },
  { key: 'i16', size: 2, signed: true },
  { key: 'u32', size: 4, signed: false },
  { key: 'i32', size: 4, signed: true },
  { key: 'u64', size: 8, signed: false },
  { key: 'i64', size: 8, signed: true },
] as const;

function view(bytes: Uint8Array, size: number): DataView | undefined {
  if (bytes.length < size) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, size);
}

export function readInt(
  bytes: Uint8Array,
  size: 1 | 2 | 4 | 8,
  signed: boolean,
  endian: Endian,
): bigint | undefined {
  const v = view(bytes, size);
  if (v === undefined) return undefined;
  const le = endian === 'le';
  switch (size) {
    case 1:
      return BigInt(signed ? v.getInt8(0) : v.getUint8(0));
    case 2:
      return BigInt(signed ? v.getInt16(0, le) : v.getUint16(0, le));
    case 4:
      return BigInt(signed ? v.getInt32(0, le) : v.getUint32(0, le));
    case 8:
      return signed ? v.getBigInt64(0, le) : v.getBigUint64(0, le);
  }
}

export function readFloat(bytes: Uint8Array, size: 4 | 8, endian: Endian): number | undefined {
  const v = view(bytes, size);
  if (v === undefined) return undefined;
  return size === 4 ? v.getFloat32(0, endian === 'le') : v.getFloat64(0, endian === 'le');
}

function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  if (value !== 0 && (Math.abs(value) < 1e-6 || Math.abs(value) >= 1e21))
    return value.toExponential(6);
  return String(Number(value.toPrecision(9)) === value ? value : value.toPrecision(9));
}

/**
 * The UTF-8 text starting at the cursor: up to `max` bytes, stopping at a NUL or the first byte
 * that does not decode (shown as the text decoded so far and a marker).
 */
export function readUtf8(bytes: Uint8Array, max = 48): string {
  const slice = bytes.subarray(0, max);
  const nul = slice.indexOf(0);
  const body = nul >= 0 ? slice.subarray(0, nul) : slice;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const cut = text.indexOf('\uFFFD');
  const shown = cut >= 0 ? text.slice(0, cut) + '�…' : text;
  return JSON.stringify(shown) + (nul < 0 && slice.length === max && cut < 0 ? '…' : '');
}

export function inspectBytes(
  bytes: Uint8Array,
  endian: Endian,
  is64: boolean,
  memoryLen: number,
): InspectorResult {
  const fields: InspectorField[] = [];
  for (const t of INTS) {
    const value = readInt(bytes, t.size, t.signed, endian);
    fields.push({ key: t.key, label: t.key, text: value?.toString() });
  }
  const f32 = readFloat(bytes, 4, endian);
  const f64 = readFloat(bytes, 8, endian);
  fields.push({ key: 'f32', label: 'f32', text: f32 === undefined ? undefined : formatFloat(f32) });
  fields.push({ key: 'f64', label: 'f64', text: f64 === undefined ? undefined : formatFloat(f64) });
  fields.push({
    key: 'utf8',
    label: 'UTF-8',
    text: bytes.length === 0 ? undefined : readUtf8(bytes),
  });
  fields.push({
    key: 'bin',
    label: 'binary (u8)',
    text: bytes.length === 0 ? undefined : bytes[0].toString(2).padStart(8, '0'),
  });

  // Pointers are always little-endian: they are what the wasm code itself loads.
  const raw = readInt(bytes, is64 ? 8 : 4, false, 'le');
  const pointer = raw !== undefined && raw < BigInt(memoryLen) ? Number(raw) : undefined;
  const pointerText =
    raw === undefined
      ? undefined
      : `0x${raw.toString(16)}${pointer === undefined ? ' (outside memory)' : ''}`;
  fields.push({
    key: 'ptr',
    label: is64 ? 'pointer (wasm64)' : 'pointer (wasm32)',
    text: pointerText,
  });
  return { fields, pointer, pointerText };
}
