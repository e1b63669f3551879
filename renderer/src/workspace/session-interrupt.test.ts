/**
 * Interrupting from the page (Ctrl+., the Interrupt buttons): nothing is sent when nothing runs,
 * and a call that will not stop is put to the user, never given up on the page's own account.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { InterruptResult, SessionInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useCommands } from '../app/use-commands';
import { useSessionStore } from './session-store';
import { fakeClient, settle } from '../../testing/fake-client';

const SESSION: SessionInfo = {
  id: 's7',
  name: 'work',
  base: null,
  root: 'r',
  contracts: [],
  calls: 3,
  deploys: 0,
  busy: false,
  gasTable: 'head',
  recreations: 0,
};

describe('interrupting a session', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function connect(answer: InterruptResult) {
    const fake = fakeClient({
      listSessions: async () => [SESSION],
      interrupt: async () => answer,
      terminateSession: async () => ({
        outcome: 'recreated',
        session: { ...SESSION, calls: 3 },
        skipped: 0,
        sameState: true,
      }),
    });
    provideApiClient(fake.client);
    return fake;
  }
  const sent = (fake: ReturnType<typeof connect>, method: string) =>
    fake.calls.filter((c) => c.method === method);
  const start = (fn: string) =>
    useSessionStore().onCallProgress({ session: 's7', phase: 'started', fn, contract: 'c' });

  test('the shortcut does nothing, and sends nothing, while nothing runs', async () => {
    const fake = connect({ outcome: 'idle' });
    const sessions = useSessionStore();
    await sessions.refresh();
    const { run } = useCommands();
    run('interrupt');
    await settle();
    expect(sent(fake, 'interrupt')).toEqual([]);
    start('spin');
    run('interrupt');
    await settle();
    expect(sent(fake, 'interrupt')).toEqual([{ method: 'interrupt', params: { session: 's7' } }]);
    expect(sessions.stuck).toBeNull();
  });

  test('a call that does not stop is asked about; it ending by itself takes the question back', async () => {
    const fake = connect({ outcome: 'stuck', graceMs: 5000, recreatable: 3 });
    const sessions = useSessionStore();
    await sessions.refresh();
    start('host_very_expensive');
    await sessions.interrupt();
    expect(sessions.stuck).toEqual({
      session: 's7',
      name: 'work',
      fn: 'host_very_expensive',
      reason: 'interrupt',
      afterMs: 5000,
      recreatable: 3,
    });
    // Asked, not acted on: nothing was terminated.
    expect(sent(fake, 'terminateSession')).toEqual([]);
    sessions.onCallProgress({ session: 's7', phase: 'finished', fn: 'x', contract: 'c' });
    await settle();
    expect(sessions.stuck).toBeNull();

    start('host_very_expensive');
    await sessions.interrupt();
    await sessions.terminateStuck(true);
    expect(sent(fake, 'terminateSession')).toEqual([
      { method: 'terminateSession', params: { session: 's7', recreate: true } },
    ]);
    expect(sessions.stuck).toBeNull();
    expect(sessions.sessions.map((s) => s.id)).toEqual(['s7']);
  });

  test('a call past its time limit that has not stopped is asked about the same way', async () => {
    const fake = connect({ outcome: 'idle' });
    const sessions = useSessionStore();
    await sessions.refresh();
    const stuck = { session: 's7', fn: 'host_very_expensive', afterMs: 60_000, recreatable: 2 };
    sessions.onCallStuck(stuck); // not running here (already finished): nothing to ask
    expect(sessions.stuck).toBeNull();
    start('host_very_expensive');
    sessions.onCallStuck(stuck);
    expect(sessions.stuck).toMatchObject({ name: 'work', reason: 'timeout', afterMs: 60_000 });
    expect(fake.calls.map((c) => c.method)).toEqual(['listSessions']);
  });
});
