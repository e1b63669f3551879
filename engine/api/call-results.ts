/**
 * A deploy's or call's outcome (vm/call-outcome.ts) as the API reports it: everything is in the
 * outcome, so building the result asks the session nothing more.
 */
import type { GasTableName } from '../core/gas-tables';
import type { Outcome } from '../vm/call-outcome';
import type { CallReceipt } from '../vm/types';
import { failedCallTree } from './failed-call-tree';
import type { CallResult } from './types';
import { apiErrorOf, callResultView, deltaView } from './views';

export function callResultOf(
  outcome: Outcome<unknown>,
  receipt: CallReceipt | undefined,
  gasLimit: bigint,
  gasTable: GasTableName,
): CallResult {
  const error = outcome.error === undefined ? undefined : apiErrorOf(outcome.error);
  return callResultView(
    gasLimit,
    receipt,
    error,
    {
      root: outcome.session.root,
      debug: outcome.debug,
      journalIndex: outcome.journalIndex,
      gasTable,
    },
    failureOf(outcome),
  );
}

/**
 * What a recorded failure leaves to show: the frames that ran, and what the top frame's subtree
 * wrote before the revert (its failed exit, the call's last step), with the page versions the
 * outcome brought along.
 */
function failureOf(outcome: Outcome<unknown>): Parameters<typeof callResultView>[4] {
  if (outcome.failure === undefined) return undefined;
  const { call } = outcome.failure;
  const pages = new Map(outcome.failure.pages);
  const source = { page: (hash: string) => pages.get(hash) };
  return {
    callTree: failedCallTree(call),
    reverted: (call.steps.at(-1)?.reverted ?? []).map((d) => deltaView(d, source)),
  };
}
