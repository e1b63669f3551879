/**
 * Rust-`Debug`-like rendering of decoded values for the UI and the CLI: `Some(17)`, `Ok(true)`,
 * `Err(Panic("x"))`, `252.0`, ids as bare hex and byte strings as `0x…`.
 */
import { bytesToHex } from '../core/ids';
import { isNullable, type RkyvType, type RkyvValue, type ValueOf } from './types';

export function formatValue<T extends RkyvType>(type: T, value: ValueOf<T>): string {
  return fmt(type, value as RkyvValue);
}

function fmt(type: RkyvType, value: RkyvValue): string {
  switch (type.kind) {
    case 'unit':
      return '()';
    case 'f32':
      return formatFloat(value as number, true);
    case 'f64':
      return formatFloat(value as number, false);
    case 'string':
      return debugString(value as string);
    case 'contractId':
      return value as string;
    case 'contractError':
      return typeof value === 'string'
        ? value
        : `Panic(${debugString((value as { panic: string }).panic)})`;
    case 'vec':
    case 'array':
      if (value instanceof Uint8Array) return '0x' + bytesToHex(value);
      return `[${(value as RkyvValue[]).map((v) => fmt(type.item, v)).join(', ')}]`;
    case 'option': {
      if (value === null) return 'None';
      const some = isNullable(type.some) ? (value as { some: RkyvValue }).some : value;
      return `Some(${fmt(type.some, some)})`;
    }
    case 'result': {
      const r = value as { ok: RkyvValue } | { err: RkyvValue };
      return 'ok' in r ? `Ok(${fmt(type.ok, r.ok)})` : `Err(${fmt(type.err, r.err)})`;
    }
    case 'tuple': {
      const items = (value as RkyvValue[]).map((v, i) => fmt(type.items[i], v));
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    default:
      // bool, integers (number or bigint) print as JS prints them, which matches Rust.
      return String(value);
  }
}

/**
 * Rust's float `Debug`: plain decimal with at least one fractional digit inside [1e-4, 1e16),
 * otherwise exponent form (`1e16`, `1.5e-7`); `inf`, `-inf`, `NaN`, `-0.0`. An f32 prints the
 * shortest decimal that reads back as the same f32, as Rust does, not the widened f64.
 */
export function formatFloat(value: number, isF32: boolean): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const n = isF32 ? shortestF32(value) : value;
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) {
    const plain = String(n);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  return n.toExponential().replace('e+', 'e');
}

function shortestF32(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

/** `str`'s Debug escapes: quotes, backslash, \n \r \t \0 and other control characters. */
export function debugString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}
