/**
 * The UI benchmark page's API: the renderer's one API fake (testing/fake-client.ts) answering the
 * few methods the graph and diff views call. Each answer is serialised once, before any
 * measurement starts, and parsed on every call, as a reply over the real WebSocket is.
 */
import type { CommitNode, ContractDiffView, PageDiff } from '../../engine/api/types';
import type { ApiClient } from '../src/api/client';
import { TEST_ABI } from '../testing/abi';
import { fakeClient, JsonReply } from '../testing/fake-client';

export interface BenchData {
  commits: CommitNode[];
  diff: ContractDiffView[];
  page: PageDiff;
}

export function benchApi(data: BenchData): ApiClient {
  const reply = (value: unknown): (() => JsonReply) => {
    const json = new JsonReply(JSON.stringify(value));
    return () => json;
  };
  return fakeClient({
    commitGraph: reply(data.commits),
    diff: reply(data.diff),
    pageDiff: reply(data.page),
    // The open page's writers, as the Diff view asks for them (one journal, one step).
    pageWriters: reply({
      side: 'to',
      ancestor: null,
      journals: [
        {
          source: { commit: 'a'.repeat(64) },
          name: 'bench',
          steps: [
            {
              point: { call: 0, step: 1 },
              callKind: 'call',
              callFn: 'increment',
              stepKind: 'exit',
              stepFn: 'increment',
              contract: '0x' + 'ab'.repeat(32),
            },
          ],
        },
      ],
    }),
    journal: reply([]),
    listSessions: reply([]),
  }).client;
}

/** One wasm page, of the size the page's engine sends (testing/abi.ts). */
const PAGE_BYTES = TEST_ABI.pageSize;

/** Two 64 KiB pages of a plausible contract memory, the second with scattered edits. */
export function benchPages(seed = 5): PageDiff {
  let s = seed;
  const random = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const before = new Uint8Array(PAGE_BYTES);
  for (let i = 0; i < before.length; i++)
    if (i % 4096 < 1500) before[i] = Math.floor(random() * 256);
  const after = before.slice();
  for (let edit = 0; edit < 400; edit++) {
    const at = Math.floor(random() * (PAGE_BYTES - 8));
    const len = 1 + Math.floor(random() * 8);
    for (let i = at; i < at + len; i++) after[i] = Math.floor(random() * 256);
  }
  const ranges: PageDiff['ranges'] = [];
  for (let i = 0; i < PAGE_BYTES; i++) {
    if (before[i] === after[i]) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && i - last.end <= 8) last.end = i + 1;
    else ranges.push({ start: i, end: i + 1 });
  }
  const hex = (bytes: Uint8Array): string =>
    '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { before: hex(before), after: hex(after), ranges };
}
