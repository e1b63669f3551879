import type { ApiEvents } from '../../../engine/api/types';

/** What the user is told when the desktop app's engine process died and was restarted. */
export function engineRestartedText(event: ApiEvents['engineRestarted']): string {
  const exit = event.code === null ? 'stopped' : `exited with code ${event.code}`;
  const store =
    event.storeError !== undefined
      ? `The store could not be reopened (${event.storeError}); an in-memory store is open.`
      : event.store === ':memory:'
        ? 'An in-memory store is open.'
        : `${event.store} was reopened: every commit is there.`;
  return `The engine process ${exit} and was restarted. Open sessions and their uncommitted changes were lost. ${store}`;
}
