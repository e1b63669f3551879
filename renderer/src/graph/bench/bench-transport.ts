/**
 * The UI benchmark page's API: a Transport answering the few methods the graph and diff views
 * call, with every result serialised and parsed as JSON, as it is over the real WebSocket. The
 * data is built in the page before any measurement starts.
 */
import type { CommitNode, ContractDiffView, PageDiff } from '../../../../engine/api/types';
import type { Transport } from '../../api/client';

export interface BenchData {
  commits: CommitNode[];
  diff: ContractDiffView[];
  page: PageDiff;
}

export function createBenchTransport(data: BenchData): Transport {
  const json = new Map<string, string>([
    ['commitGraph', JSON.stringify(data.commits)],
    ['diff', JSON.stringify(data.diff)],
    ['pageDiff', JSON.stringify(data.page)],
    ['stepsWritingPage', JSON.stringify([{ call: 0, step: 1 }])],
    ['journal', JSON.stringify([])],
    ['listSessions', JSON.stringify([])],
  ]);
  return {
    async invoke(method) {
      const reply = json.get(method);
      if (reply === undefined) throw new Error(`the bench page does not answer ${method}`);
      return JSON.parse(reply) as unknown;
    },
    subscribe() {
      return () => undefined;
    },
  };
}

/** Two 64 KiB pages of a plausible contract memory, the second with scattered edits. */
export function benchPages(seed = 5): PageDiff {
  let s = seed;
  const random = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
  const before = new Uint8Array(65536);
  for (let i = 0; i < before.length; i++)
    if (i % 4096 < 1500) before[i] = Math.floor(random() * 256);
  const after = before.slice();
  for (let edit = 0; edit < 400; edit++) {
    const at = Math.floor(random() * 65528);
    const len = 1 + Math.floor(random() * 8);
    for (let i = at; i < at + len; i++) after[i] = Math.floor(random() * 256);
  }
  const ranges: PageDiff['ranges'] = [];
  for (let i = 0; i < 65536; i++) {
    if (before[i] === after[i]) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && i - last.end <= 8) last.end = i + 1;
    else ranges.push({ start: i, end: i + 1 });
  }
  const hex = (bytes: Uint8Array): string =>
    '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { before: hex(before), after: hex(after), ranges };
}
