/**
 * The gas of a failed top-level call. piecrust returns `Err` and no receipt, yet the call burnt
 * gas: `limit − remaining` when it failed, all of it when out of gas (the counter is at 0; spec
 * §3.4, §4.1). The engine puts both figures in the error's details, the one thing a failed call
 * hands back, so they cross the worker, the API and the journal with it and every place that
 * shows the call shows the same number (`gasSpent`, `gasLimit`: u64 as decimal strings).
 */
import { PiecrustError, type ErrorData } from '../core/errors';

/** `error` with the call's gas in its details (a new error: thrown ones may be shared). */
export function withFailedCallGas(error: unknown, gasLimit: bigint, gasSpent: bigint): unknown {
  if (!(error instanceof PiecrustError)) return error;
  const failed = new PiecrustError(
    error.code,
    error.message,
    { ...error.details, gasSpent: gasSpent.toString(), gasLimit: gasLimit.toString() },
    error.backtrace,
  );
  failed.stack = error.stack;
  return failed;
}

/** The gas a failed call spent, from its error (undefined when the error does not say). */
export function failedCallGasSpent(error: unknown): bigint | undefined {
  const details =
    error instanceof PiecrustError
      ? error.details
      : (error as Partial<ErrorData> | undefined)?.details;
  const spent = details?.gasSpent;
  return typeof spent === 'string' && /^\d+$/.test(spent) ? BigInt(spent) : undefined;
}
