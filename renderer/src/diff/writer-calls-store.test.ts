/**
 * The Diff view's writing steps show their calls decoded: the store reads, without steps, only
 * the calls the writers name (nearby ones in one piece), and keeps them.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { JournalCallView, PageWriters } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { fakeClient, type FakeClient } from '../../testing/fake-client';
import { callRuns, useWriterCallsStore } from './writer-calls-store';

const BOX = '0x' + 'b0'.repeat(32);
const ROOT = '0x' + 'aa'.repeat(32);

function callView(index: number, fn: string, arg: string): JournalCallView {
  return {
    index,
    kind: fn === '' ? 'deploy' : 'call',
    contract: BOX,
    fn,
    arg,
    gasLimit: '1000',
    result: '0x',
    steps: [],
  };
}

const JOURNALS: Record<string, JournalCallView[]> = {
  s1: [callView(0, '', '0x'), callView(1, 'set', '0xd4fe'), callView(2, 'set', '0x0100')],
  [ROOT]: [callView(0, 'set', '0x0700')],
};

describe('the calls of the writing steps', () => {
  let fake: FakeClient;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = fakeClient({
      journal: (req) => {
        const calls = JOURNALS['session' in req ? req.session : req.commit];
        return calls.filter((c) => c.index >= (req.from ?? 0) && c.index < (req.to ?? Infinity));
      },
    });
    provideApiClient(fake.client);
  });

  test('the calls named are read in runs: nearby ones together, far ones apart', () => {
    expect(callRuns([])).toEqual([]);
    expect(callRuns([7])).toEqual([{ from: 7, to: 8 }]);
    expect(callRuns([9, 2, 2, 4], 16)).toEqual([{ from: 2, to: 10 }]);
    expect(callRuns([5000, 1, 3], 16)).toEqual([
      { from: 1, to: 4 },
      { from: 5000, to: 5001 },
    ]);
    expect(callRuns([0, 16, 33], 16)).toEqual([
      { from: 0, to: 17 },
      { from: 33, to: 34 },
    ]);
  });

  test('each journal is read for its writing calls only, and its calls kept', async () => {
    const writers: PageWriters = {
      side: 'to',
      ancestor: null,
      journals: [
        {
          source: { session: 's1' },
          name: 'one',
          steps: [
            {
              point: { call: 2, step: 0 },
              callKind: 'call',
              callFn: 'set',
              stepKind: 'enter',
              stepFn: 'set',
              contract: BOX,
            },
            {
              point: { call: 1, step: 1 },
              callKind: 'call',
              callFn: 'set',
              stepKind: 'exit',
              stepFn: 'set',
              contract: BOX,
            },
            {
              point: { call: 1, step: 0 },
              callKind: 'call',
              callFn: 'set',
              stepKind: 'enter',
              stepFn: 'set',
              contract: BOX,
            },
          ],
        },
        {
          source: { commit: ROOT },
          name: 'c',
          steps: [
            {
              point: { call: 0, step: 0 },
              callKind: 'call',
              callFn: 'set',
              stepKind: 'enter',
              stepFn: 'set',
              contract: BOX,
            },
          ],
        },
      ],
    };
    const store = useWriterCallsStore();
    await store.load(writers);

    const reads = fake.calls.filter((c) => c.method === 'journal').map((c) => c.params);
    expect(reads).toEqual([
      { session: 's1', from: 1, to: 3, steps: false },
      { commit: ROOT, from: 0, to: 1, steps: false },
    ]);
    expect(store.callOf({ session: 's1' }, 1)).toEqual({
      contract: BOX,
      fn: 'set',
      arg: '0xd4fe',
      result: '0x',
    });
    expect(store.callOf({ session: 's1' }, 2)?.arg).toBe('0x0100');
    expect(store.callOf({ commit: ROOT }, 0)?.arg).toBe('0x0700');
    expect(store.callOf({ session: 's1' }, 0)).toBeUndefined(); // no writer named it

    await store.load(null);
    expect(store.callOf({ session: 's1' }, 1)).toBeUndefined();
  });
});
