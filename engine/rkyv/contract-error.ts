/**
 * The raw (non-rkyv) form a failed inter-contract call takes (spec §1.8, §7.5): `c` returns a
 * negative code and, for a panic only, the caller's argument buffer starts with
 * `[u32 LE msg_len][msg bytes]`. These mirror uplink's `ContractError::{to_parts, from_parts}`.
 */
import { PiecrustError } from '../core/errors';
import type { ContractErrorValue } from './types';

export const CONTRACT_ERROR_CODES = {
  Panic: -1,
  OutOfGas: -2,
  DoesNotExist: -3,
  Unknown: -2147483648, // i32::MIN
} as const;

// uplink trusts the host to write UTF-8 (`from_utf8_unchecked`); replacing is the safe analogue.
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** `ContractError::from_parts(code, arg_buffer)`. Codes it does not know read as `Unknown`. */
export function decodeContractErrorParts(code: number, argBuffer: Uint8Array): ContractErrorValue {
  switch (code) {
    case CONTRACT_ERROR_CODES.Panic: {
      if (argBuffer.length < 4) {
        throw new PiecrustError(
          'InvalidInput',
          `panic message length needs 4 bytes, buffer has ${argBuffer.length}`,
          {
            bufferLength: argBuffer.length,
          },
        );
      }
      const view = new DataView(argBuffer.buffer, argBuffer.byteOffset, argBuffer.byteLength);
      const len = view.getUint32(0, true);
      if (4 + len > argBuffer.length) {
        throw new PiecrustError(
          'InvalidInput',
          `panic message of ${len} bytes overruns the ${argBuffer.length}-byte buffer`,
          {
            messageLength: len,
            bufferLength: argBuffer.length,
          },
        );
      }
      return { panic: lenientUtf8.decode(argBuffer.subarray(4, 4 + len)) };
    }
    case CONTRACT_ERROR_CODES.OutOfGas:
      return 'OutOfGas';
    case CONTRACT_ERROR_CODES.DoesNotExist:
      return 'DoesNotExist';
    default:
      return 'Unknown';
  }
}

/** `ContractError::to_parts`: the code `c` returns and the bytes to put at the buffer's start. */
export function encodeContractErrorParts(error: ContractErrorValue): {
  code: number;
  bytes: Uint8Array;
} {
  if (typeof error === 'string') {
    return { code: CONTRACT_ERROR_CODES[error], bytes: new Uint8Array(0) };
  }
  const msg = new TextEncoder().encode(error.panic);
  const bytes = new Uint8Array(4 + msg.length);
  new DataView(bytes.buffer).setUint32(0, msg.length, true);
  bytes.set(msg, 4);
  return { code: CONTRACT_ERROR_CODES.Panic, bytes };
}
