/**
 * Identifiers of the piecrust world. Ids and roots are 32 bytes; across the engine's public
 * surface they travel as lowercase hex without prefix (piecrust's `Display`), branded so that a
 * root cannot be passed where a contract id is expected. Scripts and the CLI also accept `0x…`.
 */
import { PiecrustError } from './errors';

export type ContractId = string & { readonly __brand: 'ContractId' };
export type Root = string & { readonly __brand: 'Root' };

/** 32 zero bytes: the root of the empty (genesis) state and of an empty Merkle tree. */
export const ZERO_ROOT = '0'.repeat(64) as Root;

const HEX32 = /^(0x)?[0-9a-fA-F]{64}$/;

export function isHex32(text: string): boolean {
  return HEX32.test(text);
}

function normalizeHex32(text: string, what: string): string {
  if (!HEX32.test(text)) {
    throw new PiecrustError(
      'InvalidInput',
      `${what} must be 32 bytes as 64 hex digits, got "${text}"`,
      {
        length: text.replace(/^0x/, '').length,
      },
    );
  }
  return text.replace(/^0x/, '').toLowerCase();
}

export function toContractId(value: string | Uint8Array): ContractId {
  if (typeof value === 'string') return normalizeHex32(value, 'contract id') as ContractId;
  if (value.length !== 32) {
    throw new PiecrustError('InvalidInput', `contract id must be 32 bytes, got ${value.length}`, {
      length: value.length,
    });
  }
  return bytesToHex(value) as ContractId;
}

export function toRoot(value: string | Uint8Array): Root {
  if (typeof value === 'string') return normalizeHex32(value, 'root') as Root;
  if (value.length !== 32) {
    throw new PiecrustError('InvalidInput', `root must be 32 bytes, got ${value.length}`, {
      length: value.length,
    });
  }
  return bytesToHex(value) as Root;
}

const HEX_DIGITS = '0123456789abcdef';
const BYTE_HEX: string[] = Array.from(
  { length: 256 },
  (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15],
);

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_HEX[bytes[i]];
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new PiecrustError(
      'InvalidInput',
      `not a hex byte string: "${hex.length > 80 ? hex.slice(0, 80) + '…' : hex}"`,
      {
        length: clean.length,
      },
    );
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** The first 8 hex digits, as piecrust's debug output and the UI show ids. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
