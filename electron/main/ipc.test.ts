import { describe, expect, test } from 'vitest';
import { API_METHODS, channelOf } from '../../engine/api/types';
import { storeAfterRestart } from './host-restart';
import { isRendererUrl, registerApiHandlers, type IpcMainLike } from './ipc';
import { fileArgument } from './launch-args';
import { menuTemplate } from './menu';
import { windowOptions } from './window-options';

type Handler = Parameters<IpcMainLike['handle']>[1];

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipcMain: { handle: (channel: string, h: Handler) => handlers.set(channel, h) },
  };
}

const RENDERER = 'file:///app/out/renderer/index.html';
const ours = { sender: 'our window', senderFrame: { url: RENDERER } };

describe('IPC wiring of the main process', () => {
  test('one handler per InspectorApi method, on channels derived from the interface', () => {
    const { handlers, ipcMain } = fakeIpc();
    const channels = registerApiHandlers({
      ipcMain,
      invoke: async () => ({ ok: true, value: null }),
      isTrustedSender: () => true,
    });
    expect(channels).toEqual(API_METHODS.map(channelOf));
    expect([...handlers.keys()]).toEqual(channels);
    expect(channels).toContain('engine:call');
  });

  test('routes trusted calls to the engine host with their params', async () => {
    const { handlers, ipcMain } = fakeIpc();
    const seen: unknown[] = [];
    registerApiHandlers({
      ipcMain,
      invoke: async (method, params) => {
        seen.push([method, params]);
        return { ok: true, value: 'done' };
      },
      isTrustedSender: (e) =>
        e.sender === 'our window' && isRendererUrl(e.senderFrame?.url ?? '', RENDERER),
    });
    expect(await handlers.get('engine:commit')!(ours, { session: 's1' })).toEqual({
      ok: true,
      value: 'done',
    });
    expect(seen).toEqual([['commit', { session: 's1' }]]);
  });

  test('refuses messages from frames it did not create, without reaching the host', async () => {
    const { handlers, ipcMain } = fakeIpc();
    let reached = false;
    registerApiHandlers({
      ipcMain,
      invoke: async () => {
        reached = true;
        return { ok: true, value: null };
      },
      isTrustedSender: (e) =>
        e.sender === 'our window' && isRendererUrl(e.senderFrame?.url ?? '', RENDERER),
    });
    const foreign = await handlers.get('engine:deleteCommit')!(
      { sender: 'our window', senderFrame: { url: 'https://evil.example/' } },
      {},
    );
    expect(foreign).toMatchObject({
      ok: false,
      error: { code: 'Forbidden', message: expect.stringContaining('https://evil.example/') },
    });
    const otherWindow = await handlers.get('engine:deleteCommit')!(
      { sender: 'another window', senderFrame: { url: RENDERER } },
      {},
    );
    expect(otherWindow).toMatchObject({ ok: false });
    expect(
      await handlers.get('engine:workspace')!({ sender: 'our window', senderFrame: null }, {}),
    ).toMatchObject({ ok: false });
    expect(reached).toBe(false);
  });

  test('renderer URLs: same file or same dev-server origin only', () => {
    expect(isRendererUrl(RENDERER, RENDERER)).toBe(true);
    expect(isRendererUrl('file:///tmp/evil.html', RENDERER)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isRendererUrl('not a url', RENDERER)).toBe(false);
  });
});

describe('the window and the menu', () => {
  test('the window is locked down', () => {
    const options = windowOptions('/app/preload.cjs', undefined);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(
      windowOptions('/p', { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false }),
    ).toMatchObject({ x: 5, width: 1000 });
  });

  test('the File menu has the store, contract and script commands, with recent stores', () => {
    const calls: string[] = [];
    const actions = new Proxy(
      {},
      {
        get: (_t, name) => (arg?: string) =>
          calls.push(`${String(name)}${arg === undefined ? '' : `:${arg}`}`),
      },
    );
    const template = menuTemplate(actions as never, ['/a.pis', '/b.pis'], false);
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'File',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    const file = template[0].submenu as Array<{
      label?: string;
      click?: () => void;
      submenu?: Array<{ label?: string; click?: () => void }>;
    }>;
    expect(file.map((i) => i.label).filter(Boolean)).toEqual([
      'New Store…',
      'Open Store…',
      'Open Recent',
      'Open Contract…',
      'Run Script…',
      'Close Store',
    ]);
    file.find((i) => i.label === 'Open Recent')!.submenu![1].click!();
    file.find((i) => i.label === 'Run Script…')!.click!();
    expect(calls).toEqual(['openRecent:/b.pis', 'runScript']);
    const view = template[2].submenu as Array<{ role?: string }>;
    expect(view.map((i) => i.role)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'toggleDevTools']),
    );
    expect(menuTemplate(actions as never, [], true)[0].role).toBe('appMenu');
  });
});

describe('launch arguments and engine restarts', () => {
  const exists = (path: string) => path.endsWith('.pis') || path.endsWith('.wasm');

  test('the file named on a launch skips the executable (and the app path in development)', () => {
    expect(fileArgument(['/opt/app/inspector', '--flag', 'state.pis'], true, exists)).toBe(
      'state.pis',
    );
    expect(fileArgument(['electron', '.', 'counter.wasm'], false, exists)).toBe('counter.wasm');
    // In development the app path is not mistaken for a file, even when it exists.
    expect(fileArgument(['electron', 'app.pis'], false, exists)).toBeUndefined();
    expect(fileArgument(['/opt/app/inspector', 'missing.txt'], true, exists)).toBeUndefined();
  });

  test('a restarted engine host reopens the open store, unless it died before coming up', () => {
    expect(storeAfterRestart('/data/state.pis', false)).toBe('/data/state.pis');
    expect(storeAfterRestart('/data/state.pis', true)).toBe(':memory:');
    expect(storeAfterRestart(':memory:', false)).toBe(':memory:');
  });
});
