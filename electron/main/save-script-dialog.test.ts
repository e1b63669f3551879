/**
 * The desktop Save dialog for scripts (issue 9, item 8): only our window's main frame may open
 * it; the picked file's folder is granted to the engine before the path is returned.
 */
import { describe, expect, test } from 'vitest';
import { channelOf, API_METHODS } from '../../engine/api/types';
import { SAVE_SCRIPT_DIALOG_CHANNEL } from '../save-script-channel';
import type { IpcMainLike } from './ipc';
import { isRendererUrl } from './origin';
import { registerSaveScriptDialog } from './save-script-dialog';

type Handler = Parameters<IpcMainLike['handle']>[1];
const RENDERER = 'app://renderer/index.html';
const ours = { sender: 'our window', senderFrame: { url: RENDERER } };

function setUp(picked: string | undefined) {
  const handlers = new Map<string, Handler>();
  const log: string[] = [];
  registerSaveScriptDialog({
    ipcMain: { handle: (channel, h) => handlers.set(channel, h) },
    isTrustedSender: (e) =>
      e.sender === 'our window' && isRendererUrl(e.senderFrame?.url ?? '', RENDERER),
    showSaveDialog: async () => {
      log.push('dialog');
      return picked;
    },
    grant: async (folder) => {
      log.push(`allowWritesIn ${folder}`);
    },
  });
  const handler = handlers.get(SAVE_SCRIPT_DIALOG_CHANNEL);
  if (handler === undefined) throw new Error(`no handler on ${SAVE_SCRIPT_DIALOG_CHANNEL}`);
  return { handler, log, handlers };
}

describe('the Save Script dialog handler', () => {
  test('is on a channel of its own, not an API channel', () => {
    const { handlers } = setUp(undefined);
    expect([...handlers.keys()]).toEqual([SAVE_SCRIPT_DIALOG_CHANNEL]);
    expect(API_METHODS.map(channelOf)).not.toContain(SAVE_SCRIPT_DIALOG_CHANNEL);
  });

  test('returns the picked path after granting its folder', async () => {
    const { handler, log } = setUp('/home/u/scripts/run.json');
    expect(await handler(ours, undefined)).toEqual({ ok: true, value: '/home/u/scripts/run.json' });
    expect(log).toEqual(['dialog', 'allowWritesIn /home/u/scripts']);
  });

  test('a cancelled dialog grants nothing and returns null', async () => {
    const { handler, log } = setUp(undefined);
    expect(await handler(ours, undefined)).toEqual({ ok: true, value: null });
    expect(log).toEqual(['dialog']);
  });

  test('refuses other frames and windows without showing a dialog or granting', async () => {
    const { handler, log } = setUp('/home/u/scripts/run.json');
    for (const event of [
      { sender: 'our window', senderFrame: { url: 'https://evil.example/' } },
      { sender: 'our window', senderFrame: { url: 'file:///app/out/renderer/index.html' } },
      { sender: 'another window', senderFrame: { url: RENDERER } },
      { sender: 'our window', senderFrame: null },
    ]) {
      expect(await handler(event, undefined)).toMatchObject({
        ok: false,
        error: { code: 'Forbidden', message: expect.stringContaining(SAVE_SCRIPT_DIALOG_CHANNEL) },
      });
    }
    expect(log).toEqual([]);
  });
});
