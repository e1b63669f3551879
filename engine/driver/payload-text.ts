/**
 * A driver's text payloads (JSON, error messages, its version) turned into strings and values,
 * with the failing byte offset or JSON position in the error: the driver is untrusted, and "bad
 * output" alone would not tell its author where to look.
 */
import { PiecrustError } from '../core/errors';
import { jsonErrorPosition } from './json-position';

const fatal = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function payloadText(bytes: Uint8Array, what: string): string {
  const at = invalidUtf8Offset(bytes);
  if (at >= 0) {
    const around = Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0'));
    throw new PiecrustError(
      'Utf8',
      `${what} is not valid UTF-8: byte ${at} of ${bytes.length} (0x${around.join('')}…) starts no valid character`,
      { offset: at, length: bytes.length },
    );
  }
  return fatal.decode(bytes);
}

export function payloadJson(bytes: Uint8Array, what: string): unknown {
  const text = payloadText(bytes, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const position = jsonErrorPosition(text);
    const from = Math.max(0, position - 40);
    const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, position + 40)}${position + 40 < text.length ? '…' : ''}`;
    throw new PiecrustError(
      'InvalidInput',
      `${what} is not valid JSON: ${(e as Error).message.split(',')[0]} at character ${position} of ${text.length}, in ${JSON.stringify(excerpt)}`,
      { position, length: text.length },
    );
  }
}
