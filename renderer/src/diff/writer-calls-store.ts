/**
 * The calls the Diff view's "written by" steps belong to — their contract, function, argument and
 * result bytes — so each writing step shows its call decoded by the contract's data-driver. A
 * writer names only its point (call, step): the bytes are in the journal, fetched without steps
 * and only for the calls listed (runs of nearby calls in one request each), not from the first
 * writing call to the journal's end.
 */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { Hex, JournalSource, PageWriters } from '../../../engine/api/types';
import { apiClient } from '../api/instance';

export interface WriterCall {
  contract: string;
  fn: string;
  arg: Hex;
  result?: Hex;
}

/** Calls this close together are fetched in one piece (the few between cost less than a request). */
const RUN_GAP = 16;

/**
 * The pieces (`from`, `to` exclusive) that cover these call indexes: sorted runs, a new one where
 * the next call is more than `gap` past the last.
 */
export function callRuns(
  calls: Iterable<number>,
  gap = RUN_GAP,
): Array<{ from: number; to: number }> {
  const sorted = [...new Set(calls)].sort((a, b) => a - b);
  const runs: Array<{ from: number; to: number }> = [];
  for (const c of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && c - (last.to - 1) <= gap) last.to = c + 1;
    else runs.push({ from: c, to: c + 1 });
  }
  return runs;
}

export function writerCallKey(source: JournalSource, call: number): string {
  return `${'session' in source ? `s:${source.session}` : `c:${source.commit}`}#${call}`;
}

export const useWriterCallsStore = defineStore('writer-calls', () => {
  /** The calls of the writers last loaded, by writerCallKey. */
  const calls = shallowRef(new Map<string, WriterCall>());
  let generation = 0;

  /** Fetch the calls of these writers (replacing the last writers'); a failure leaves them out. */
  async function load(writers: PageWriters | null): Promise<void> {
    const id = ++generation;
    calls.value = new Map();
    if (writers === null) return;
    const found = new Map<string, WriterCall>();
    const pieces = writers.journals.flatMap((j) => {
      const wanted = new Set(j.steps.map((s) => s.point.call));
      return callRuns(wanted).map((run) => ({ source: j.source, wanted, run }));
    });
    await Promise.all(
      pieces.map(async (j) => {
        const { wanted } = j;
        try {
          const journal = await apiClient().journal({ ...j.source, ...j.run, steps: false });
          for (const c of journal)
            if (wanted.has(c.index))
              found.set(writerCallKey(j.source, c.index), {
                contract: c.contract,
                fn: c.kind === 'deploy' ? '' : c.fn,
                arg: c.arg,
                result: c.result,
              });
        } catch {
          // Without its calls a writer shows as it did: where it is and what it did.
        }
      }),
    );
    if (id === generation) calls.value = found;
  }

  function callOf(source: JournalSource, call: number): WriterCall | undefined {
    return calls.value.get(writerCallKey(source, call));
  }

  return { load, callOf };
});
