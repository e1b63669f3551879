import { describe, expect, test } from 'vitest';
import { API_METHODS, channelOf } from '../../engine/api/types';
import { storeAfterRestart } from './host-restart';
import { registerApiHandlers, type IpcMainLike } from './ipc';
import { fileArgument } from './launch-args';
import { menuTemplate } from './menu';
import { isRendererUrl } from './origin';
import { windowOptions } from './window-options';

type Handler = Parameters<IpcMainLike['handle']>[1];

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipcMain: { handle: (channel: string, h: Handler) => handlers.set(channel, h) },
  };
}

const RENDERER = 'app://renderer/index.html';
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

  test('a file:// frame is never trusted, nor another app:// host', async () => {
    const { handlers, ipcMain } = fakeIpc();
    registerApiHandlers({
      ipcMain,
      invoke: async () => ({ ok: true, value: null }),
      isTrustedSender: (e) =>
        e.sender === 'our window' && isRendererUrl(e.senderFrame?.url ?? '', RENDERER),
    });
    for (const url of ['file:///app/out/renderer/index.html', 'app://evil/index.html']) {
      expect(
        await handlers.get('engine:workspace')!({ sender: 'our window', senderFrame: { url } }, {}),
      ).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    }
  });
});

describe('the window and the menu', () => {
  test('the window is locked down', () => {
    const options = windowOptions('/app/preload.cjs', undefined, false);
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(
      windowOptions(
        '/p',
        { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false },
        false,
      ),
    ).toMatchObject({ x: 5, width: 1000 });
  });

  test('developer tools exist in development builds only', () => {
    expect(windowOptions('/p', undefined, false).webPreferences?.devTools).toBe(false);
    expect(windowOptions('/p', undefined, true).webPreferences?.devTools).toBe(true);
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
    const template = menuTemplate(actions as never, ['/a.pis', '/b.pis'], {
      isMac: false,
      devTools: false,
    });
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
    expect(menuTemplate(actions as never, [], { isMac: true, devTools: false })[0].role).toBe(
      'appMenu',
    );
  });

  test('View › Toggle Developer Tools is in development builds only', () => {
    const viewRoles = (devTools: boolean) =>
      (
        menuTemplate({} as never, [], { isMac: false, devTools })[2].submenu as Array<{
          role?: string;
        }>
      ).map((i) => i.role);
    expect(viewRoles(false)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
    );
    expect(viewRoles(false)).not.toContain('toggleDevTools');
    expect(viewRoles(true)).toContain('toggleDevTools');
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
