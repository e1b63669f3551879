import { describe, expect, it } from 'vitest';
import { isPiecrustError } from '../core/errors';
import { bytesToHex } from '../core/ids';
import {
  CONTRACT_ERROR_CODES,
  decodeContractErrorParts,
  encodeContractErrorParts,
} from './contract-error';

describe('ContractError parts (raw, not rkyv)', () => {
  it('panic writes [u32 LE len][msg] and returns -1', () => {
    const { code, bytes } = encodeContractErrorParts({ panic: 'boom' });
    expect(code).toBe(-1);
    expect(bytesToHex(bytes)).toBe('04000000626f6f6d');
    // The argument buffer is larger than the message; the rest is ignored.
    const buffer = new Uint8Array(64);
    buffer.set(bytes);
    expect(decodeContractErrorParts(code, buffer)).toEqual({ panic: 'boom' });
  });

  it('maps the other codes, and unknown codes to Unknown', () => {
    expect(decodeContractErrorParts(-2, new Uint8Array(0))).toBe('OutOfGas');
    expect(decodeContractErrorParts(-3, new Uint8Array(0))).toBe('DoesNotExist');
    expect(decodeContractErrorParts(CONTRACT_ERROR_CODES.Unknown, new Uint8Array(0))).toBe(
      'Unknown',
    );
    expect(decodeContractErrorParts(-7, new Uint8Array(0))).toBe('Unknown');
    expect(encodeContractErrorParts('Unknown')).toEqual({
      code: -2147483648,
      bytes: new Uint8Array(0),
    });
    expect(encodeContractErrorParts('DoesNotExist').code).toBe(-3);
  });

  it('rejects a panic message that overruns the buffer', () => {
    const buffer = new Uint8Array([10, 0, 0, 0, 65]);
    expect(() => decodeContractErrorParts(-1, buffer)).toThrow(
      /panic message of 10 bytes overruns the 5-byte buffer/,
    );
    try {
      decodeContractErrorParts(-1, new Uint8Array(2));
    } catch (e) {
      expect(isPiecrustError(e, 'InvalidInput')).toBe(true);
    }
  });
});
