/**
 * The calls the Diff view's "written by" steps belong to — their contract, function, argument and
 * result bytes — so each writing step shows its call decoded by the contract's data-driver. A
 * writer names only its point (call, step): the bytes are in the journal, fetched once per
 * journal listed, from its first writing call on (`journal` has no upper bound).
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
    await Promise.all(
      writers.journals.map(async (j) => {
        const wanted = new Set(j.steps.map((s) => s.point.call));
        if (wanted.size === 0) return;
        try {
          const journal = await apiClient().journal({ ...j.source, from: Math.min(...wanted) });
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
