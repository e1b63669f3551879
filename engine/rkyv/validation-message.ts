/**
 * A `ValidationError` in words, for the inspector's "decode as type" (piecrust's own Display is
 * just "ValidationError", kept by `decode` for the typed call API): the type asked for, how many
 * bytes it takes and how many there were, or the check that failed and where.
 */
import { PiecrustError, type ErrorDetails } from '../core/errors';
import { decode } from './decode';
import { sizeOf } from './layout';
import { formatType } from './type-names';
import type { RkyvType, ValueOf } from './types';

const bytesText = (n: number): string => `${n} byte${n === 1 ? '' : 's'}`;

/** "cannot decode 4 bytes as u64: a u64 is 8 bytes" (a root too short), or the check that failed. */
export function validationMessage(type: RkyvType, length: number, details: ErrorDetails): string {
  const name = formatType(type);
  const head = `cannot decode ${bytesText(length)} as ${name}`;
  if (details.check === 'Overrun' && details.holder === -1)
    return `${head}: a ${name} is ${bytesText(sizeOf(type))}`;
  return `${head}: ${String(details.reason)} (rkyv check ${String(details.check)})`;
}

/** `decode`, whose ValidationError names the type, its size and the byte count in its message. */
export function decodeExplained<T extends RkyvType>(type: T, bytes: Uint8Array): ValueOf<T> {
  try {
    return decode(type, bytes);
  } catch (e) {
    if (!(e instanceof PiecrustError) || e.code !== 'ValidationError') throw e;
    throw new PiecrustError('ValidationError', validationMessage(type, bytes.length, e.details), {
      ...e.details,
      requested: formatType(type),
      requestedSize: sizeOf(type),
      bytes: bytes.length,
    });
  }
}
