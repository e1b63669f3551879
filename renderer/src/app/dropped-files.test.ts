import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { provideApiClient } from '../api/instance';
import { MAX_UPLOAD_BYTES } from '../calls/contract-store';
import { openDroppedFile } from './dropped-files';
import { fakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { useUiStore } from '../common/ui-store';

/** A dropped file as a browser hands it over: a name, a size, its text (read only on demand). */
function dropped(name: string, size: number): File & { reads: number } {
  const file = {
    name,
    size,
    reads: 0,
    async text() {
      file.reads++;
      return '{"version":1,"steps":[]}';
    },
  };
  return file as unknown as File & { reads: number };
}

describe('a script dropped on a browser tab (issue 9, item 10: a size cap for dropped files)', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    // A browser tab: no preload bridge, so no path for a dropped file.
    (globalThis as { window?: unknown }).window = {};
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  test('over the cap it is refused with both sizes, unread and unsent', async () => {
    const fake = fakeClient({});
    provideApiClient(fake.client);
    const file = dropped('huge.json', MAX_UPLOAD_BYTES + 1);
    await openDroppedFile(file);
    expect(file.reads).toBe(0);
    expect(fake.calls).toEqual([]);
    expect(useUiStore().toasts.map((t) => [t.kind, t.text])).toEqual([
      [
        'error',
        'huge.json is 7,340,033 bytes, more than the 7,340,032 a browser can send; type its path in the Script tab instead',
      ],
    ]);
  });
});

describe('a store dropped on the desktop window (issue 9, item 8)', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  function desktop(reply: { ok: true; value: unknown } | { ok: false; error: unknown }) {
    setActivePinia(createPinia());
    const asked: string[] = [];
    (globalThis as { window?: unknown }).window = {
      inspector: {
        pathForFile: () => '/home/u/stores/state.pis',
        droppedStore: async (file: File) => {
          asked.push(file.name);
          return reply;
        },
      },
    };
    return asked;
  }

  test('has its folder granted before the store is opened', async () => {
    const asked = desktop({ ok: true, value: '/home/u/stores/state.pis' });
    const fake = fakeClient({
      openWorkspace: () => ({
        path: '/home/u/stores/state.pis',
        commits: 0,
        sessions: 0,
        abi: TEST_ABI,
      }),
    });
    provideApiClient(fake.client);
    await openDroppedFile(dropped('state.pis', 100));
    expect(asked).toEqual(['state.pis']);
    expect(fake.calls.map((c) => c.method)).toContain('openWorkspace');
  });

  test('a refused grant opens nothing and says why', async () => {
    desktop({
      ok: false,
      error: { code: 'InvalidInput', message: '/x is not a file', details: {} },
    });
    const fake = fakeClient({});
    provideApiClient(fake.client);
    await openDroppedFile(dropped('state.pis', 100));
    expect(fake.calls).toEqual([]);
    expect(useUiStore().toasts.map((t) => t.text)).toEqual(['state.pis: /x is not a file']);
  });
});
