/**
 * A session is named by its name in what the page says after it ended (an error about it comes
 * later), never by the engine's internal id.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import type { SessionInfo } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useSessionStore } from './session-store';
import { fakeClient, settle } from '../../testing/fake-client';
import { useUiStore } from '../common/ui-store';

const SESSION: SessionInfo = {
  id: 's12',
  name: 'try-increment',
  base: null,
  root: 'r',
  contracts: [],
  calls: 2,
  deploys: 1,
  busy: false,
  gasTable: 'head',
  recreations: 0,
};

beforeEach(() => setActivePinia(createPinia()));

test('a closed session keeps its name for what is said about it later', async () => {
  const fake = fakeClient({ listSessions: async () => [SESSION] });
  provideApiClient(fake.client);
  const sessions = useSessionStore();
  await sessions.refresh();
  sessions.onSessionClosed({ id: 's12', reason: 'closed' });
  expect(sessions.sessions).toEqual([]);
  expect(sessions.nameOf('s12')).toBe('try-increment');
  expect(sessions.nameOf('s99')).toBeUndefined();
});

test('discarding a session the engine no longer has: its tab goes, and the toast names it', async () => {
  const fake = fakeClient({
    listSessions: async () => [SESSION],
    closeSession: async ({ session }) => {
      // As the client rejects: the engine's error data.
      throw { code: 'InvalidInput', message: `no open session "${session}"`, details: { session } };
    },
  });
  provideApiClient(fake.client);
  const sessions = useSessionStore();
  await sessions.refresh();
  await sessions.discard('s12');
  await settle();
  expect(sessions.sessions).toEqual([]);
  const toasts = useUiStore().toasts.map((t) => t.text);
  expect(toasts).toEqual(['Session “try-increment” is no longer open: nothing to discard.']);
});
