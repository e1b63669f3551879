/**
 * A store dropped on the desktop window (issue 9, item 8): its folder is granted to the engine,
 * so it opens as it did before writes were confined to chosen folders; only our window's main
 * frame may ask, with the absolute path of an existing file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DROPPED_STORE_CHANNEL } from '../save-script-channel';
import { registerDroppedStore } from './dropped-store';
import type { IpcMainLike } from './ipc';
import { isRendererUrl } from './origin';

type Handler = Parameters<IpcMainLike['handle']>[1];
const RENDERER = 'app://renderer/index.html';
const ours = { sender: 'our window', senderFrame: { url: RENDERER } };

function setUp() {
  const handlers = new Map<string, Handler>();
  const granted: string[] = [];
  registerDroppedStore({
    ipcMain: { handle: (channel, h) => handlers.set(channel, h) },
    isTrustedSender: (e) =>
      e.sender === 'our window' && isRendererUrl(e.senderFrame?.url ?? '', RENDERER),
    grant: async (folder) => {
      granted.push(folder);
    },
  });
  return { handler: handlers.get(DROPPED_STORE_CHANNEL)!, granted };
}

describe('a dropped store', () => {
  test("grants the store's folder, then gives its path back", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dropped-store-'));
    const store = join(dir, 'state.pis');
    writeFileSync(store, 'x');
    const { handler, granted } = setUp();
    expect(await handler(ours, store)).toEqual({ ok: true, value: store });
    expect(granted).toEqual([dir]);
  });

  test('refuses other frames, and anything but the absolute path of a file, granting nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dropped-store-'));
    const { handler, granted } = setUp();
    const evil = { sender: 'our window', senderFrame: { url: 'https://evil.example/' } };
    expect(await handler(evil, join(dir, 'x.pis'))).toMatchObject({
      ok: false,
      error: { code: 'Forbidden' },
    });
    for (const path of ['', 'relative.pis', dir, join(dir, 'missing.pis'), 42, undefined]) {
      expect(await handler(ours, path)).toMatchObject({
        ok: false,
        error: { code: 'InvalidInput' },
      });
    }
    expect(granted).toEqual([]);
  });
});
