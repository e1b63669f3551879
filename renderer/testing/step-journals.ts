/**
 * The Steps store's tests' engine: a two-call journal, a fake `journal`/`stepDetail` answering in
 * pieces as the engine does, a session's info, and the store following that session.
 */
import type { JournalCallView, SessionInfo, StepView } from '../../engine/api/types';
import { provideApiClient } from '../src/api/instance';
import { useStepStore } from '../src/steps/step-store';
import { useSessionStore } from '../src/workspace/session-store';
import { settle } from './fake-client';
const step = (index: number, kind: 'enter' | 'exit'): StepView => ({
  index,
  kind,
  depth: 0,
  contract: 'c1',
  fn: 'increment',
  gas: '43',
  pagesChanged: kind === 'exit' ? 1 : 0,
  events: [],
  debug: [],
});
export const journal: JournalCallView[] = [0, 1].map((index) => ({
  index,
  kind: 'call',
  contract: 'c1',
  fn: 'increment',
  arg: '0x',
  gasLimit: '1000',
  gasSpent: '43',
  steps: [step(0, 'enter'), step(1, 'exit')],
}));
/**
 * A fake engine's `journal` and `stepDetail` over `calls()` (read at each request: a live
 * session's grows), answering pieces (`from`, `to`) and the call list (`steps: false`) as the
 * engine does.
 */
export function piecedJournal(calls: () => JournalCallView[]) {
  return {
    journal: async (req: unknown) => {
      const { from = 0, to, steps } = req as { from?: number; to?: number; steps?: boolean };
      const piece = calls().slice(from, to);
      return steps === false
        ? piece.map((c) => ({ ...c, steps: [], stepCount: c.steps.length }))
        : piece;
    },
    stepDetail: async (req: { call: number; step: number }) => ({
      step: calls()[req.call].steps[req.step],
      deltas: [],
    }),
  };
}

export const session = (calls: number, base: string | null, recreations = 0): SessionInfo => ({
  id: 's1',
  name: 's1',
  base,
  root: 'r',
  contracts: ['c1'],
  calls,
  deploys: 0,
  busy: false,
  gasTable: 'head',
  recreations,
});

/** The step store following session `info`, selected, with `client` as the engine. */
export async function followed(client: Parameters<typeof provideApiClient>[0], info: SessionInfo) {
  provideApiClient(client);
  const sessions = useSessionStore();
  const steps = useStepStore();
  sessions.onSessionChanged(info);
  sessions.select('s1');
  await settle();
  return { sessions, steps };
}
