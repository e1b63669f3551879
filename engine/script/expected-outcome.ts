/**
 * A deploy's or call's outcome against what the script expects of it: success (with data, if
 * given), or an error code, or a panic whose message contains a text.
 */
import { isDeepStrictEqual } from 'node:util';
import { isPiecrustError, toErrorData } from '../core/errors';
import { errorText } from '../core/error-text';
import { bytesToHex, type ContractId } from '../core/ids';
import { encodeScriptValue } from '../rkyv';
import { failedCallGasSpent } from '../vm/failed-call-gas';
import type { Expectation } from './script-schema';
import type { Decoding, StepEvent } from './script-drivers';
import type { StepResult } from './step-result';

/** What a deploy or call returned. */
export interface Outcome {
  data?: Uint8Array;
  gasSpent?: bigint;
  events?: number;
  contractId?: ContractId;
  /** The output decoded by the contract's data-driver, when it has one. */
  decoding?: Decoding;
  emitted?: StepEvent[];
}

export async function expectOutcome(
  base: Pick<StepResult, 'index' | 'op' | 'title' | 'gasLimit'>,
  expect: Expectation,
  run: () => Promise<Outcome>,
  resolveContract: (nameOrHex: string) => ContractId,
): Promise<StepResult> {
  const wantsError = expect.error !== undefined || expect.panic !== undefined;
  let outcome;
  try {
    outcome = await run();
  } catch (e) {
    const error = toErrorData(e);
    // A failed deploy or call has no receipt, yet spent gas: its error says how much.
    const gasSpent = failedCallGasSpent(error)?.toString();
    const result = { ...base, error, ...(gasSpent === undefined ? {} : { gasSpent }) };
    if (!isPiecrustError(e) || !wantsError) {
      return {
        ...result,
        passed: false,
        reason: `expected success, got ${errorText(error)}`,
      };
    }
    const code = expect.error ?? 'Panic';
    if (error.code !== code) {
      return {
        ...result,
        passed: false,
        reason: `expected ${code}, got ${errorText(error)}`,
      };
    }
    if (expect.panic !== undefined && !error.message.includes(expect.panic)) {
      return {
        ...result,
        passed: false,
        reason: `panic message "${error.message}" lacks "${expect.panic}"`,
      };
    }
    return { ...result, passed: true };
  }
  const result: StepResult = {
    ...base,
    passed: true,
    data: outcome.data === undefined ? undefined : '0x' + bytesToHex(outcome.data),
    gasSpent: outcome.gasSpent?.toString(),
    events: outcome.events,
    contractId: outcome.contractId,
    ...outcome.decoding,
    ...(outcome.emitted === undefined || outcome.emitted.length === 0
      ? {}
      : { emitted: outcome.emitted }),
  };
  if (wantsError) {
    return {
      ...result,
      passed: false,
      reason: `expected ${expect.error ?? 'Panic'}, but it succeeded`,
    };
  }
  if (expect.data !== undefined) {
    const want = '0x' + bytesToHex(encodeScriptValue(expect.data, resolveContract));
    if (want !== result.data)
      return { ...result, passed: false, reason: `expected data ${want}, got ${result.data}` };
  }
  if (expect.json !== undefined) {
    const want = JSON.stringify(expect.json);
    const decoding = outcome.decoding;
    // The runner refuses `expect.json` on a contract without a driver before calling it.
    if (decoding === undefined) throw new Error('expect.json without a data-driver');
    if ('decodeError' in decoding)
      return {
        ...result,
        passed: false,
        reason: `expected json ${want}, but the driver could not decode the output ${result.data}: ${decoding.decodeError}`,
      };
    if (!isDeepStrictEqual(decoding.decoded, expect.json))
      return {
        ...result,
        passed: false,
        reason: `expected json ${want}, got ${JSON.stringify(decoding.decoded)}`,
      };
  }
  return result;
}
