/**
 * Shared fixtures of the scenario tests (spec §9): the contracts built by
 * `npm run build:contracts`, piecrust's test constants, and typed helpers.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isPiecrustError, type ErrorCode } from '../../engine/core/errors';
import { toContractId, type ContractId } from '../../engine/core/ids';
import { t, type RkyvType, type ValueOf } from '../../engine/rkyv';
import type { Session } from '../../engine/vm/session';
import type { CallReceipt, DeployResult } from '../../engine/vm/types';
import { createVm, type Vm } from '../../engine/vm/vm';

export { t };

/** piecrust's test owner: 32 zero bytes. */
export const OWNER = new Uint8Array(32);
/** piecrust's default test gas limit. */
export const LIMIT = 1_000_000n;

const BUILD = fileURLToPath(new URL('../../contracts/build/', import.meta.url));
const cache = new Map<string, Uint8Array>();

export function bytecode(name: string): Uint8Array {
  let bytes = cache.get(name);
  if (bytes === undefined) {
    const path = `${BUILD}${name}.wasm`;
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:contracts\``);
    bytes = new Uint8Array(readFileSync(path));
    cache.set(name, bytes);
  }
  return bytes;
}

export function newVm(): Promise<Vm> {
  return createVm();
}

/** An id of 32 copies of `byte` (piecrust tests' `ContractId::from_bytes([b; 32])`). */
export function idOf(byte: number): ContractId {
  return toContractId(new Uint8Array(32).fill(byte));
}

export function idFromBytes(bytes: number[]): ContractId {
  const out = new Uint8Array(32);
  out.set(bytes);
  return toContractId(out);
}

export interface DeployArgs {
  owner?: Uint8Array;
  contractId?: ContractId;
  initArg?: Uint8Array;
  gas?: bigint;
}

export function deployFull(s: Session, name: string, args: DeployArgs = {}): DeployResult {
  return s.deploy(
    bytecode(name),
    { owner: args.owner ?? OWNER, contractId: args.contractId, initArg: args.initArg },
    args.gas ?? LIMIT,
  );
}

export function deploy(s: Session, name: string, args: DeployArgs = {}): ContractId {
  return deployFull(s, name, args).contractId;
}

/** Typed call returning the decoded value (piecrust tests' `session.call::<A, R>(…)?.data`). */
export function call<A extends RkyvType, R extends RkyvType>(
  s: Session,
  id: ContractId,
  fn: string,
  argType: A,
  arg: ValueOf<A>,
  ret: R,
  gas = LIMIT,
): ValueOf<R> {
  return s.call(id, fn, argType, arg, ret, gas).value;
}

/** Typed call returning the whole receipt. */
export function receipt<A extends RkyvType, R extends RkyvType>(
  s: Session,
  id: ContractId,
  fn: string,
  argType: A,
  arg: ValueOf<A>,
  ret: R,
  gas = LIMIT,
): CallReceipt & { value: ValueOf<R> } {
  return s.call(id, fn, argType, arg, ret, gas);
}

/** Assert `run` throws a PiecrustError with `code` (and a message containing `part`). */
export function expectError(run: () => unknown, code: ErrorCode, part?: string): Error {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(Error);
  if (!isPiecrustError(caught)) throw caught;
  expect(`${caught.code}: ${caught.message}`).toContain(`${code}: `);
  if (part !== undefined) expect(caught.message).toContain(part);
  return caught;
}

export async function expectRejection(
  run: () => Promise<unknown>,
  code: ErrorCode,
  part?: string,
): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (e) {
    caught = e;
  }
  if (!isPiecrustError(caught)) throw caught ?? new Error(`expected ${code}, got success`);
  expect(caught.code).toBe(code);
  if (part !== undefined) expect(caught.message).toContain(part);
}
