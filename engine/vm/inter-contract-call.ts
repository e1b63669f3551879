/**
 * The `c` import: a contract calling another (spec §3.5, HEAD). Failures of the callee never
 * trap the caller: they revert the callee's subtree, burn the gas limit handed to it, and come
 * back as a negative `ContractError` code (a panic message is left in the caller's argument
 * buffer). Only bad pointers or names trap the caller itself.
 */
import { toContractId } from '../core/ids';
import { PiecrustError } from '../core/errors';
import { UncontainedError } from './call-context';
import {
  classifyFailure,
  CONTRACT_ERROR_DOES_NOT_EXIST,
  CONTRACT_ERROR_PANIC,
  CONTRACT_ERROR_UNKNOWN,
  contractErrorCode,
  panicMessage,
} from './call-errors';
import { ARGBUF_LEN } from './host-abi';
import { checkArg, checkPtr, MAX_NAME_BYTES, pointer, readArg, readName } from './host-memory';
import type { HostEnvironment } from './host-environment';
import type { LoadedContract } from './loaded-contract';

const GAS_PASS_PCT = 93n;

/** floor(r × 93 / 100) without overflow, as piecrust computes it. */
export function defaultCalleeLimit(remaining: bigint): bigint {
  return (remaining / 100n) * GAS_PASS_PCT + ((remaining % 100n) * GAS_PASS_PCT) / 100n;
}

function encodePanicParts(message: string): Uint8Array {
  const text = new TextEncoder().encode(message).subarray(0, ARGBUF_LEN - 4);
  const out = new Uint8Array(4 + text.length);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 4);
  return out;
}

export function interContractCall(
  env: HostEnvironment,
  self: LoadedContract,
  calleePtrRaw: number | bigint,
  namePtrRaw: number | bigint,
  nameLenRaw: number,
  argLenRaw: number,
  gasLimitRaw: bigint,
): number {
  const ctx = env.callContext();
  const caller = ctx.top;
  const calleePtr = pointer(calleePtrRaw);
  const namePtr = pointer(namePtrRaw);
  const nameLen = nameLenRaw >>> 0;
  const argLen = argLenRaw >>> 0;
  // spec §3.5 step 1: pointer checks, the argument's length, then the name's UTF-8.
  checkPtr(self, calleePtr, 32);
  checkPtr(self, namePtr, nameLen);
  checkArg(self, argLen);
  const calleeId = toContractId(self.read(calleePtr, 32));
  // A name longer than every export of the callee names none of them: it is validated in place,
  // not copied (a 4 GiB length must not cost 4 GiB).
  const callee = env.contract(calleeId);
  const name = readName(
    self,
    namePtr,
    nameLen,
    Math.max(MAX_NAME_BYTES, callee?.module.longestExport ?? 0),
  );
  const shownName = name ?? `(a name of ${nameLen} bytes)`;
  const arg = readArg(self, argLen);

  const callerRemaining = ctx.remaining(caller);
  const requested = BigInt.asUintN(64, gasLimitRaw);
  const calleeLimit =
    requested > 0n && requested < callerRemaining ? requested : defaultCalleeLimit(callerRemaining);

  const hook = env.callHook;
  if (hook !== undefined) {
    const stack = ctx.frames.map((f) => f.contract.id).reverse();
    const rejection = hook(calleeId, shownName, arg, stack);
    if (rejection !== undefined) {
      ctx.hostWrite(self, self.module.argBuffer, encodePanicParts(rejection));
      return CONTRACT_ERROR_PANIC;
    }
  }

  const checkpoint = env.events.length;
  if (callee === undefined) return CONTRACT_ERROR_DOES_NOT_EXIST;
  let frame;
  try {
    frame = ctx.push(callee, shownName, calleeLimit, checkpoint, arg);
  } catch (e) {
    if (e instanceof UncontainedError) throw e;
    // Depth limit: rejected before a frame exists, nothing charged.
    if (e instanceof PiecrustError && e.code === 'SessionError') return CONTRACT_ERROR_UNKNOWN;
    ctx.setRemaining(caller, callerRemaining - calleeLimit);
    return CONTRACT_ERROR_UNKNOWN;
  }
  let started = false;
  try {
    if (name === 'init') {
      throw new PiecrustError('InitalizationError', 'InitalizationError: init call not allowed', {
        reason: 'init-call',
      });
    }
    if (name === undefined || !callee.module.functions.has(name)) {
      throw new PiecrustError(
        'RuntimeError',
        `RuntimeError: contract ${callee.id} does not export \`${shownName}\``,
        {
          contract: callee.id,
          function: shownName,
        },
      );
    }
    ctx.hostWrite(callee, callee.module.argBuffer, arg);
    ctx.setRemaining(frame, calleeLimit);
    started = true;
    const retLen = ctx.invoke(frame, argLen);
    if (retLen < 0 || retLen > ARGBUF_LEN) {
      throw new PiecrustError(
        'RuntimeError',
        `RuntimeError: returned length ${retLen} is outside 0..=${ARGBUF_LEN}`,
        {
          retLen,
        },
      );
    }
    const result = callee.read(callee.module.argBuffer, retLen);
    const spent = calleeLimit - ctx.remaining(frame);
    ctx.succeed(frame, spent, result);
    ctx.hostWrite(self, self.module.argBuffer, result);
    ctx.setRemaining(caller, callerRemaining - spent);
    return retLen;
  } catch (e) {
    // `init` and a missing export fail before the callee is given its gas: they are Unknown,
    // whatever a fresh instance's gas reads (spec §3.5 step 8; found by tests/oracle).
    const error = classifyFailure(e, started ? ctx.remaining(frame) : undefined);
    // An error crossing every frame (an interrupt) leaves the frames to the top-level call,
    // which fails them all at once, each with the gas that ran in it.
    if (error instanceof UncontainedError) throw error;
    ctx.unwind(frame, error.toData(), started);
    ctx.setRemaining(caller, callerRemaining - calleeLimit);
    if (error.code === 'Panic')
      ctx.hostWrite(self, self.module.argBuffer, encodePanicParts(panicMessage(error)));
    return contractErrorCode(error);
  }
}
