/**
 * Where "save session as script" writes (issue 9, item 8): in the desktop app, the file picked in
 * its Save dialog (whose folder the main process grants to the engine), never the path typed in
 * the page; in a browser tab, the typed path (`serve --allow-write` decides).
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiError } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import type { InspectorBridge } from '../api/ipc-transport';
import { useScriptStore } from './script-store';
import { fakeClient } from '../../testing/fake-client';

type DialogReply = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** The desktop app's preload bridge, with a Save dialog that answers `reply`. */
function desktopBridge(reply: DialogReply): InspectorBridge & { dialogs: number } {
  const bridge = {
    dialogs: 0,
    invoke: async () => ({
      ok: false as const,
      error: { code: 'X', message: 'unused', details: {} },
    }),
    onEvent: () => () => undefined,
    async saveScriptDialog() {
      bridge.dialogs++;
      return reply;
    },
  };
  return bridge;
}

function setUp() {
  const fake = fakeClient({ saveScript: () => ({ version: 1, steps: [] }) });
  provideApiClient(fake.client);
  const scripts = useScriptStore();
  scripts.savePath = '/home/u/.bashrc.json';
  return { fake, scripts };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('saving a session as a script', () => {
  test('in the desktop app: the path picked in the Save dialog, not the typed one', async () => {
    const bridge = desktopBridge({ ok: true, value: '/home/u/scripts/run.json' });
    (globalThis as { window?: unknown }).window = { inspector: bridge };
    const { fake, scripts } = setUp();
    await scripts.save('s1');
    expect(bridge.dialogs).toBe(1);
    expect(fake.calls).toEqual([
      { method: 'saveScript', params: { session: 's1', path: '/home/u/scripts/run.json' } },
    ]);
    expect(scripts.savedTo).toBe('/home/u/scripts/run.json');
    expect(scripts.saveError).toBeNull();
  });

  test('in the desktop app, a cancelled dialog saves nothing', async () => {
    (globalThis as { window?: unknown }).window = {
      inspector: desktopBridge({ ok: true, value: null }),
    };
    const { fake, scripts } = setUp();
    expect(await scripts.save('s1')).toBeUndefined();
    expect(fake.calls).toEqual([]);
    expect(scripts.saved).toBeNull();
    expect(scripts.saving).toBe(false);
  });

  test('in the desktop app, a refused dialog is the save error', async () => {
    (globalThis as { window?: unknown }).window = {
      inspector: desktopBridge({
        ok: false,
        error: { code: 'Forbidden', message: 'refused dialog:saveScript', details: {} },
      }),
    };
    const { fake, scripts } = setUp();
    await scripts.save('s1');
    expect(fake.calls).toEqual([]);
    expect(scripts.saveError).toMatchObject({ code: 'Forbidden' });
  });

  test('in a browser tab: the typed path, or none to just get the script', async () => {
    (globalThis as { window?: unknown }).window = {};
    const { fake, scripts } = setUp();
    await scripts.save('s1');
    scripts.savePath = '  ';
    await scripts.save('s1');
    expect(fake.calls.map((c) => c.params)).toEqual([
      { session: 's1', path: '/home/u/.bashrc.json' },
      { session: 's1' },
    ]);
    expect(scripts.savedTo).toBeNull();
  });
});
