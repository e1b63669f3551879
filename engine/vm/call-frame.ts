/**
 * A frame of a top-level call: one contract executing one function with its own gas limit, and
 * the revert log of everything its subtree wrote (spec §3.4–3.6). The log keeps, per contract,
 * the memory length at the frame's push and the bytes of every page before its first write in
 * the subtree; a failed frame restores them, a successful one hands them to its parent, and the
 * top-level frame's log, on success, is the set of pages the call dirtied.
 */
import type { Event, CallTreeNode } from './types';
import type { LoadedContract } from './loaded-contract';
import { releasePageCopy, takePageCopy } from './page-pool';
import { PAGE_SIZE } from './host-abi';

export interface UndoLog {
  length: number;
  pages: Map<number, Uint8Array>;
}

export class Frame {
  readonly undo = new Map<LoadedContract, UndoLog>();
  readonly node: CallTreeNode;
  /** Gas beyond the slice in the instance's gas global (call-context.ts: GAS_SLICE). */
  reserve = 0n;
  /**
   * The frame's remaining gas when it last called another contract: what it had spent by then is
   * `limit − remainingAtCall`, the figure an error crossing the callee (an interrupt) needs, since
   * the shared gas global of a re-entrant instance no longer holds it.
   */
  remainingAtCall: bigint | undefined;

  constructor(
    readonly contract: LoadedContract,
    readonly fn: string,
    readonly limit: bigint,
    readonly eventCheckpoint: number,
  ) {
    this.node = {
      contractId: contract.id,
      fn,
      limit,
      spent: 0n,
      memLen: contract.physicalLength(),
      children: [],
    };
    this.undo.set(contract, { length: contract.physicalLength(), pages: new Map() });
  }

  /** Save `page` of `contract` before its first write in this frame. */
  touch(contract: LoadedContract, page: number): void {
    let log = this.undo.get(contract);
    if (log === undefined) {
      log = { length: contract.physicalLength(), pages: new Map() };
      this.undo.set(contract, log);
    }
    if (!log.pages.has(page)) log.pages.set(page, takePageCopy(contract.view(), page));
  }

  /** Success: the parent's log absorbs this one (older copies win). */
  mergeInto(parent: Frame): void {
    for (const [contract, log] of this.undo) {
      const target = parent.undo.get(contract);
      if (target === undefined) {
        parent.undo.set(contract, log);
        continue;
      }
      for (const [page, copy] of log.pages) {
        if (target.pages.has(page)) releasePageCopy(copy);
        else target.pages.set(page, copy);
      }
    }
    this.undo.clear();
  }

  /** Top-level success: report every written page, then drop the saved copies. */
  commitTo(onPage: (contract: LoadedContract, page: number) => void): void {
    for (const [contract, log] of this.undo) {
      for (const [page, copy] of log.pages) {
        onPage(contract, page);
        releasePageCopy(copy);
      }
    }
    this.undo.clear();
  }

  /** Failure: put back every saved page and length; mark the subtree's events reverted. */
  revert(events: Event[], beforeRestore?: (contract: LoadedContract, page: number) => void): void {
    for (const [contract, log] of this.undo) {
      const view = contract.view();
      for (const [page, copy] of log.pages) {
        beforeRestore?.(contract, page);
        if ((page + 1) * PAGE_SIZE <= view.length) view.set(copy, page * PAGE_SIZE);
        releasePageCopy(copy);
      }
      contract.length = log.length;
    }
    this.undo.clear();
    for (let i = this.eventCheckpoint; i < events.length; i++) events[i].reverted = true;
  }
}
