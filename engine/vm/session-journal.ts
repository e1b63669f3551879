/**
 * A session's record of what ran: every `hdebug` message (never reverted) and, for a session
 * opened with `journal: true`, the call journal with its page versions (journal/recorder.ts).
 */
import type { Root } from '../core/ids';
import { JournalRecorder } from '../journal/recorder';
import { PageSpill } from '../journal/page-spill';
import type { Journal, JournalCall } from '../journal/types';
import type { GasTableName } from '../core/gas-tables';
import type { Event } from './types';

export class SessionJournal {
  private readonly messages: string[] = [];
  /** Records the call journal when the session was opened with `journal: true`. */
  readonly recorder: JournalRecorder | undefined;

  constructor(
    base: Root | null,
    gasTable: GasTableName,
    events: () => Event[],
    record: boolean,
    meta: () => Array<[string, Uint8Array]>,
  ) {
    this.recorder = record
      ? new JournalRecorder(base, gasTable, events, () => this.messages, new PageSpill(), meta)
      : undefined;
  }

  debug(message: string): void {
    this.messages.push(message);
  }

  debugLog(): readonly string[] {
    return this.messages;
  }

  /**
   * The recorded calls from index `from` up to `to` (exclusive; the end by default), each keeping
   * its index in the whole journal: only that piece crosses to the caller's thread.
   */
  journal(from = 0, to?: number): Journal | undefined {
    const journal = this.recorder?.journal;
    if (journal === undefined || (from <= 0 && to === undefined)) return journal;
    return { ...journal, calls: journal.calls.slice(Math.max(0, from), to) };
  }

  /** The page versions the journal refers to, by hash (undefined for a hash it has not kept). */
  journalPages(hashes: readonly string[]): Array<Uint8Array | undefined> {
    return hashes.map((h) => this.recorder?.pages.page(h));
  }

  /** Calls recorded so far, deploys included. */
  get calls(): number {
    return this.recorder?.journal.calls.length ?? 0;
  }

  /** Deploys recorded so far. */
  get deploys(): number {
    return this.recorder?.deploys ?? 0;
  }

  lastCall(): JournalCall | undefined {
    return this.recorder?.journal.calls.at(-1);
  }

  close(): void {
    this.recorder?.pages.close();
  }
}
