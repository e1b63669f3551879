/**
 * How a failure inside a frame is reported (spec §3.4 step 6, §1.8): out of gas whenever the
 * frame has no gas left, whatever trapped; host errors as themselves; wasm traps and anything
 * else as RuntimeError. And how a failed inter-contract call reads to the calling contract:
 * the `ContractError` wire codes.
 */
import { PiecrustError } from '../core/errors';
import { errorHeadline } from '../core/error-text';
import { UncontainedError } from './call-context';
import { backtraceOf } from './backtrace';

export const CONTRACT_ERROR_PANIC = -1;
export const CONTRACT_ERROR_OUT_OF_GAS = -2;
export const CONTRACT_ERROR_DOES_NOT_EXIST = -3;
export const CONTRACT_ERROR_UNKNOWN = -2147483648;

/**
 * `remaining` is the failed frame's gas left, or undefined when it failed before it was given any
 * (an inter-contract call to `init` or to a missing export): piecrust maps "nothing left" to
 * OutOfGas only for failures of the call itself.
 */
export function classifyFailure(
  e: unknown,
  remaining: bigint | undefined,
): PiecrustError | UncontainedError {
  if (e instanceof UncontainedError) return e;
  // The error piecrust reports keeps the backtrace of what was thrown.
  const backtrace = backtraceOf(e);
  if (remaining === 0n) {
    return new PiecrustError(
      'OutOfGas',
      'OutOfGas',
      e instanceof Error ? { trap: e.message } : {},
      backtrace,
    );
  }
  if (e instanceof PiecrustError) return e;
  if (e instanceof WebAssembly.RuntimeError) {
    return new PiecrustError(
      'RuntimeError',
      `RuntimeError: wasm trap: ${e.message}`,
      { trap: e.message },
      backtrace,
    );
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new PiecrustError(
      'RuntimeError',
      'RuntimeError: wasm trap: call stack exhausted',
      { trap: 'stack overflow' },
      backtrace,
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  // Prefixed once, even when the message already names the code.
  return new PiecrustError(
    'RuntimeError',
    errorHeadline({ code: 'RuntimeError', message }),
    {},
    backtrace,
  );
}

export function contractErrorCode(error: PiecrustError): number {
  switch (error.code) {
    case 'Panic':
      return CONTRACT_ERROR_PANIC;
    case 'OutOfGas':
      return CONTRACT_ERROR_OUT_OF_GAS;
    case 'ContractDoesNotExist':
      return CONTRACT_ERROR_DOES_NOT_EXIST;
    default:
      return CONTRACT_ERROR_UNKNOWN;
  }
}

/** The message of a `Panic` error (piecrust's `Error::Panic(msg)` payload). */
export function panicMessage(error: PiecrustError): string {
  const m = error.details.message;
  return typeof m === 'string' ? m : error.message.replace(/^Panic: /, '');
}

export function panicError(message: string): PiecrustError {
  return new PiecrustError('Panic', `Panic: ${message}`, { message });
}
