/** Engine data → the JSON shapes of the InspectorApi (types.ts): hex for bytes, strings for u64. */
import { toErrorData, type ErrorData } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import { bytesToHex } from '../core/ids';
import type { Journal, JournalCall, JournalStep, PageDelta } from '../journal/types';
import type { PageSource } from '../journal/page-spill';
import { deltaChanges } from '../journal/replay';
import type { ContractDiff } from '../vm/state-view';
import type { CallReceipt, CallTreeNode, Event } from '../vm/types';
import type {
  ApiError,
  CallResult,
  CallTreeView,
  ContractDiffView,
  EventView,
  JournalCallView,
  PageDeltaView,
  StepView,
} from './types';

export const hex = (bytes: Uint8Array): string => '0x' + bytesToHex(bytes);

export function apiError(e: unknown): ApiError {
  return apiErrorOf(toErrorData(e));
}

/** Error data (a worker's answer) as the API reports it, its backtrace included. */
export function apiErrorOf(data: ErrorData): ApiError {
  return {
    code: data.code,
    message: data.message,
    details: data.details,
    ...(data.backtrace === undefined ? {} : { backtrace: data.backtrace }),
  };
}

export function eventView(e: Event): EventView {
  return { source: e.source, topic: e.topic, data: hex(e.data), reverted: e.reverted };
}

export function callTreeView(node: CallTreeNode): CallTreeView {
  return {
    contract: node.contractId,
    fn: node.fn,
    limit: node.limit.toString(),
    spent: node.spent.toString(),
    memLen: node.memLen,
    children: node.children.map(callTreeView),
  };
}

export function stepView(step: JournalStep, index: number): StepView {
  return {
    index,
    kind: step.kind,
    depth: step.depth,
    contract: step.contract,
    fn: step.fn,
    ...(step.gasNotRecorded ? {} : { gas: step.gas.toString() }),
    data: step.data === undefined ? undefined : hex(step.data),
    error: step.error === undefined ? undefined : { ...step.error },
    ran: step.ran,
    pagesChanged: step.deltas.length,
    ...(step.reverted === undefined ? {} : { pagesReverted: step.reverted.length }),
    events: step.events.map(eventView),
    debug: [...step.debug],
  };
}

/** A recorded call; `journalTable` is its journal's table, for calls that name none. */
export function journalCallView(call: JournalCall, journalTable?: GasTableName): JournalCallView {
  const gasTable = call.gasTable ?? journalTable;
  return {
    index: call.index,
    kind: call.kind,
    contract: call.contract,
    fn: call.fn,
    arg: hex(call.arg),
    gasLimit: call.gasLimit.toString(),
    gasSpent: call.gasSpent?.toString(),
    ...(gasTable === undefined ? {} : { gasTable }),
    result: call.result === undefined ? undefined : hex(call.result),
    error: call.error === undefined ? undefined : { ...call.error },
    steps: call.steps.map(stepView),
  };
}

export function journalView(journal: Journal | undefined): JournalCallView[] {
  return journal?.calls.map((call) => journalCallView(call, journal.gasTable)) ?? [];
}

/** A page change with its bytes before and after (from `pages`, the journal's page versions). */
export function deltaView(delta: PageDelta, pages: PageSource): PageDeltaView {
  return {
    contract: delta.contract,
    page: delta.page,
    changes: deltaChanges(delta, pages).map((c) => ({
      offset: c.offset,
      before: hex(c.before),
      after: hex(c.after),
    })),
  };
}

export function diffView(d: ContractDiff): ContractDiffView {
  return {
    contract: d.contract,
    status: d.status,
    pagesAdded: d.pages.added,
    pagesRemoved: d.pages.removed,
    pagesChanged: d.pages.changed,
    memoryLenBefore: d.before?.memoryLen,
    memoryLenAfter: d.after?.memoryLen,
  };
}

/**
 * A call's result as the API reports it, read from the session after the call. A failed call has
 * no receipt: its gas comes from its error (the engine put it there), its frames and reverted
 * writes from its journal entry (`failure`).
 */
export function callResultView(
  gasLimit: bigint,
  receipt: CallReceipt | undefined,
  error: ApiError | undefined,
  after: { root: string; debug: string[]; journalIndex: number; gasTable: GasTableName },
  failure?: { callTree?: CallTreeView; reverted: PageDeltaView[] },
): CallResult {
  const failedGas = error?.details.gasSpent;
  return {
    ok: error === undefined,
    data: receipt === undefined ? undefined : hex(receipt.data),
    gasLimit: gasLimit.toString(),
    gasSpent:
      receipt?.gasSpent.toString() ?? (typeof failedGas === 'string' ? failedGas : undefined),
    events: receipt?.events.map(eventView) ?? [],
    callTree: receipt === undefined ? failure?.callTree : callTreeView(receipt.callTree),
    ...(failure === undefined || failure.reverted.length === 0
      ? {}
      : { reverted: failure.reverted }),
    error,
    ...after,
  };
}

/** A call whose session was terminated while it ran: only what is known. */
export function interruptedCallView(
  gasLimit: bigint,
  error: ApiError | undefined,
  gasTable: GasTableName,
): CallResult {
  return {
    ok: false,
    gasLimit: gasLimit.toString(),
    events: [],
    debug: [],
    error,
    root: '',
    journalIndex: -1,
    gasTable,
  };
}
