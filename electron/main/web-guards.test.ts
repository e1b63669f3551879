import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, test, vi } from 'vitest';

// Electron cannot start here; the guards only need shell.openExternal from it.
const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ shell: { openExternal } }));
const { guardSession, guardWebContents } = await import('./web-guards');

const APP = 'app://renderer/index.html';

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  /** Emits a navigation-like event; true when a listener prevented it. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(): FakeContents {
  const contents = new FakeContents();
  guardWebContents(contents as never, APP);
  return contents;
}

beforeEach(() => openExternal.mockClear());

describe('web contents guards', () => {
  test.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: a foreign URL is stopped, our own goes through',
    (event) => {
      const contents = guarded();
      expect(contents.attempt(event, 'https://evil.example/')).toBe(true);
      expect(contents.attempt(event, 'file:///etc/passwd')).toBe(true);
      expect(contents.attempt(event, 'app://renderer/index.html')).toBe(false);
    },
  );

  test('no window is ever opened; only allow-listed https links reach the system browser', () => {
    const contents = guarded();
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://renderer/index.html' })).toEqual({
      action: 'deny',
    });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.openHandler!({ url: 'https://github.com/dusk-network/piecrust' })).toEqual({
      action: 'deny',
    });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://github.com/dusk-network/piecrust',
    );
  });

  test('webviews are never attached', () => {
    expect(guarded().attempt('will-attach-webview', 'app://renderer/index.html')).toBe(true);
  });
});

describe('session guards', () => {
  function guardedSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    };
    guardSession(session as never, APP);
    return handlers as Record<string, (...args: unknown[]) => unknown>;
  }

  test('permission requests: clipboard writes from our page, nothing else', () => {
    const { request } = guardedSession();
    const ask = (permission: string, requestingUrl: string): boolean | undefined => {
      let answer: boolean | undefined;
      request({}, permission, (granted: boolean) => (answer = granted), {
        requestingUrl,
        isMainFrame: true,
      });
      return answer;
    };
    expect(ask('clipboard-sanitized-write', APP)).toBe(true);
    expect(ask('media', APP)).toBe(false);
    expect(ask('notifications', APP)).toBe(false);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  test('permission checks and devices answer the same way', () => {
    const { check, device } = guardedSession();
    expect(check({}, 'clipboard-sanitized-write', 'app://renderer', {})).toBe(true);
    expect(check({}, 'geolocation', 'app://renderer', {})).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://renderer' })).toBe(false);
  });
});
