/**
 * Builds a session's journal while it runs. The engine calls `beforeWrite` before the first write
 * to a page after each frame boundary (the instrumented code reports first writes per snapshot
 * level, and every push and pop opens a new level), and `boundary` at each push and pop; the
 * recorder keeps the page as it was before the write and, at the next boundary, records the page
 * before and after by the hash of their bytes (kept once each in the session's PageSpill), with
 * the byte ranges that differ. Memory stays bounded whatever a call writes: the page versions
 * spill to a file past the spill's budget, the journal itself holds hashes and ranges.
 */
import { toErrorData } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import type { ContractId } from '../core/ids';
import { changedRanges } from '../diff/byte-ranges';
import type { UndoLog } from '../vm/call-frame';
import type { LoadedContract } from '../vm/loaded-contract';
import { PAGE_SIZE } from '../core/abi';
import type { Event } from '../vm/types';
import { bytesToHex } from '../core/ids';
import { blake3 } from '../hash/blake3';
import type { PageSpill } from './page-spill';
import type { Journal, JournalCall, JournalStep, PageDelta } from './types';

interface Pending {
  contract: LoadedContract;
  page: number;
  /** Hash of the page before the segment's first write (its bytes are in the spill). */
  before: string;
}

/** The page's bytes in memory now: a view (no copy); pages past the memory read as zeros. */
function pageView(contract: LoadedContract, page: number): Uint8Array {
  const view = contract.view();
  const start = page * PAGE_SIZE;
  if (start + PAGE_SIZE <= view.length) return view.subarray(start, start + PAGE_SIZE);
  const out = new Uint8Array(PAGE_SIZE);
  if (start < view.length) out.set(view.subarray(start));
  return out;
}

function byContractAndPage(a: PageDelta, b: PageDelta): number {
  return a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : a.page - b.page;
}

export class JournalRecorder {
  readonly journal: Journal;
  private current: JournalCall | undefined;
  private readonly pending = new Map<LoadedContract, Map<number, Pending>>();
  private eventMark = 0;
  private debugMark = 0;
  private ran: ContractId | undefined;
  private started = 0;
  private deployCount = 0;

  constructor(
    base: Journal['base'],
    private readonly gasTable: GasTableName,
    private readonly events: () => Event[],
    private readonly debug: () => readonly string[],
    /** Where the page versions go (the session's, closed with it). */
    readonly pages: PageSpill,
    /** The session's metadata items, copied into each call as it begins. */
    private readonly meta: () => Array<[string, Uint8Array]>,
  ) {
    this.journal = { base, gasTable, calls: [] };
  }

  /** Deploys recorded so far (counted as they end: the journal is never scanned for them). */
  get deploys(): number {
    return this.deployCount;
  }

  get recording(): boolean {
    return this.current !== undefined;
  }

  begin(
    kind: JournalCall['kind'],
    contract: ContractId,
    fn: string,
    arg: Uint8Array,
    gasLimit: bigint,
  ): void {
    this.current = {
      index: this.journal.calls.length,
      kind,
      contract,
      fn,
      arg: arg.slice(),
      gasLimit,
      gasSpent: undefined,
      gasTable: this.gasTable,
      result: undefined,
      error: undefined,
      steps: [],
      micros: 0,
      meta: this.meta(),
    };
    this.eventMark = this.events().length;
    this.debugMark = this.debug().length;
    this.ran = undefined;
    this.started = performance.now();
  }

  /** What a deploy needs to be replayed (saved as a script). */
  annotateDeploy(details: { codeHash: string; owner: Uint8Array; explicitId: boolean }): void {
    if (this.current === undefined) return;
    this.current.codeHash = details.codeHash;
    this.current.owner = details.owner.slice();
    this.current.explicitId = details.explicitId;
  }

  beforeWrite(contract: LoadedContract, page: number): void {
    if (this.current === undefined) return;
    let pages = this.pending.get(contract);
    if (pages === undefined) {
      pages = new Map();
      this.pending.set(contract, pages);
    }
    if (pages.has(page)) return;
    pages.set(page, { contract, page, before: this.pages.put(pageView(contract, page)) });
  }

  private takeDeltas(): PageDelta[] {
    const deltas: PageDelta[] = [];
    for (const [contract, pages] of this.pending) {
      for (const { page, before } of pages.values()) {
        const now = pageView(contract, page);
        const after = bytesToHex(blake3(now));
        if (after === before) continue;
        const ranges = changedRanges(this.pages.page(before)!, now);
        this.pages.putAs(after, now);
        deltas.push({ contract: contract.id, page, before, after, ranges });
      }
    }
    this.pending.clear();
    return deltas.sort(byContractAndPage);
  }

  /**
   * What a failing frame's subtree wrote, before the revert puts it back: per page of its undo
   * log, the page as it was when the frame was pushed (the log's copy) and as the failure left
   * it. Pages written back to what they were are left out.
   */
  writesToRevert(undo: ReadonlyMap<LoadedContract, UndoLog>): PageDelta[] {
    if (this.current === undefined) return [];
    const deltas: PageDelta[] = [];
    for (const [contract, log] of undo) {
      for (const [page, copy] of log.pages) {
        const now = pageView(contract, page);
        const after = bytesToHex(blake3(now));
        const before = this.pages.put(copy);
        if (after === before) continue;
        const ranges = changedRanges(copy, now);
        this.pages.putAs(after, now);
        deltas.push({ contract: contract.id, page, before, after, ranges });
      }
    }
    return deltas.sort(byContractAndPage);
  }

  boundary(
    step: Omit<JournalStep, 'deltas' | 'events' | 'debug' | 'ran'>,
    runsNext: ContractId | undefined,
  ): void {
    const call = this.current;
    if (call === undefined) return;
    const events = this.events();
    const debug = this.debug();
    call.steps.push({
      ...step,
      ran: this.ran,
      deltas: this.takeDeltas(),
      // The event objects themselves: a later failure of an enclosing frame marks them reverted.
      events: events.slice(this.eventMark),
      debug: debug.slice(this.debugMark),
    });
    this.eventMark = events.length;
    this.debugMark = debug.length;
    this.ran = runsNext;
  }

  end(outcome: { gasSpent?: bigint; result?: Uint8Array; error?: unknown }): void {
    const call = this.current;
    if (call === undefined) return;
    call.gasSpent = outcome.gasSpent;
    call.result = outcome.result?.slice();
    call.error = outcome.error === undefined ? undefined : toErrorData(outcome.error);
    call.micros = Math.round((performance.now() - this.started) * 1000);
    this.pending.clear();
    this.journal.calls.push(call);
    if (call.kind === 'deploy') this.deployCount++;
    this.current = undefined;
  }
}
