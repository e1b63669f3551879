/**
 * A contract's metadata: the name a user gave it and the data-driver attached to it (issue 12).
 * It is kept beside the state, never in it: piecrust's state roots are exact, and naming a
 * contract must not change one. Keyed by contract id, not by commit: a name is edited at any
 * time, and every commit that holds the contract shows the same name.
 *
 * In the file store each change is one ContractMeta record (key: the contract id; body: this
 * JSON), the last one of a contract winning; the driver's bytes are a Driver blob keyed by
 * their BLAKE3, stored once however many contracts use them.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex } from '../core/ids';
import { blake3 } from '../hash/blake3';

export interface ContractMeta {
  /** The contract's name; absent when it has none. */
  name?: string;
  /** BLAKE3 (hex) of the attached data-driver module; absent when none is attached. */
  driver?: string;
}

const utf8 = new TextEncoder();

export function encodeContractMeta(meta: ContractMeta): Uint8Array {
  const body: ContractMeta = {};
  if (meta.name !== undefined) body.name = meta.name;
  if (meta.driver !== undefined) body.driver = meta.driver;
  return utf8.encode(JSON.stringify(body));
}

/** The body of a ContractMeta record; a body that is not one is a PersistenceError. */
export function decodeContractMeta(body: Uint8Array): ContractMeta {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (e) {
    throw notMeta(`not UTF-8 JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw notMeta('not a JSON object');
  const { name, driver } = parsed as Record<string, unknown>;
  const meta: ContractMeta = {};
  if (name !== undefined) {
    if (typeof name !== 'string') throw notMeta(`name is a ${typeof name}, not a string`);
    meta.name = name;
  }
  if (driver !== undefined) {
    if (typeof driver !== 'string' || !/^[0-9a-f]{64}$/.test(driver))
      throw notMeta(`driver is not a 32-byte hex hash: ${JSON.stringify(driver)}`);
    meta.driver = driver;
  }
  return meta;
}

function notMeta(message: string): PiecrustError {
  return new PiecrustError('PersistenceError', `contract metadata record: ${message}`);
}

/** The BLAKE3 (hex) a driver's bytes are stored under. */
export function driverHash(bytes: Uint8Array): string {
  return bytesToHex(blake3(bytes));
}

/** Refuse driver bytes that are not the ones `meta.driver` names (they are stored by that key). */
export function checkDriverBytes(meta: ContractMeta, bytes: Uint8Array | undefined): void {
  if (bytes === undefined) return;
  const actual = driverHash(bytes);
  if (meta.driver !== actual)
    throw new PiecrustError(
      'PersistenceError',
      `driver bytes (${bytes.length}) hash to ${actual}, but the metadata names ${meta.driver ?? 'no driver'}`,
    );
}
