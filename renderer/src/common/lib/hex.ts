/**
 * Bytes as the API carries them: `0x…` hex strings. Conversions and display helpers shared by the
 * views; all pure so they are tested without a DOM.
 */

const HEX = /^[0-9a-f]*$/i;

/** Strips an optional 0x and whitespace/underscores users paste between bytes. */
export function cleanHex(text: string): string {
  const trimmed = text.trim().replace(/^0x/i, '');
  return trimmed.replace(/[\s_:,]/g, '').toLowerCase();
}

/** An error message for text that is not a whole number of hex bytes, or undefined when it is. */
export function hexProblem(text: string): string | undefined {
  const clean = cleanHex(text);
  if (!HEX.test(clean)) {
    const bad = clean.match(/[^0-9a-f]/i)?.[0] ?? '?';
    return `"${bad}" is not a hex digit`;
  }
  if (clean.length % 2 !== 0) return 'an odd number of hex digits (each byte is two)';
  return undefined;
}

export function bytesFromHex(text: string): Uint8Array {
  const clean = cleanHex(text);
  const problem = hexProblem(clean);
  if (problem !== undefined) throw new Error(problem);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function byteHex(byte: number): string {
  return BYTE_HEX[byte & 0xff];
}

export function hexFromBytes(bytes: Uint8Array): string {
  let out = '0x';
  for (const b of bytes) out += BYTE_HEX[b];
  return out;
}

/** Number of bytes a `0x…` string holds. */
export function hexByteLength(hex: string): number {
  return Math.floor(cleanHex(hex).length / 2);
}

/** `0xfc00 0000` style: bytes grouped for reading, without the prefix. */
export function groupHex(hex: string, group = 1, limit = Infinity): string {
  const clean = cleanHex(hex);
  const parts: string[] = [];
  const step = group * 2;
  for (let i = 0; i < clean.length && parts.length < limit; i += step)
    parts.push(clean.slice(i, i + step));
  const more = clean.length > limit * step ? ' …' : '';
  return parts.join(' ') + more;
}

/** A long id or root shortened for a chip: `9930cf57…1df8e6d4`. */
export function shortId(id: string, keep = 8): string {
  const clean = id.replace(/^0x/i, '');
  if (clean.length <= keep * 2 + 1) return clean;
  return `${clean.slice(0, keep)}…${clean.slice(-keep)}`;
}

/** Address as shown in the hex view: 8 hex digits for wasm32, more only when needed. */
export function formatAddress(offset: number, minDigits = 8): string {
  return offset.toString(16).padStart(minDigits, '0');
}

/** Parses an address typed by a user: `0x1a40`, `1a40h`, or decimal `6720`. */
export function parseAddress(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  if (t === '') return undefined;
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(t)) value = parseInt(t.slice(2), 16);
  else if (/^[0-9a-f]+h$/i.test(t)) value = parseInt(t.slice(0, -1), 16);
  else if (/^\d+$/.test(t)) value = Number(t);
  else if (/^[0-9a-f]+$/i.test(t)) value = parseInt(t, 16);
  else return undefined;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Printable ASCII for the text column of a hex view. */
export function asciiOf(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·';
}
