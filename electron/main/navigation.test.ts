import { describe, expect, test } from 'vitest';
import { EXTERNAL_LINKS, isAllowedExternalUrl, navigationAllowed } from './navigation';
import { isRendererUrl } from './origin';
import { GRANTED_PERMISSIONS, permissionGranted } from './permissions';

const APP = 'app://renderer/index.html';
const DEV = 'http://localhost:5173/';

describe('what counts as our renderer', () => {
  test('the same scheme and host: app://renderer, or the dev server', () => {
    expect(isRendererUrl('app://renderer/index.html', APP)).toBe(true);
    expect(isRendererUrl('app://renderer/assets/x.js', APP)).toBe(true);
    expect(isRendererUrl('app://renderer', APP)).toBe(true); // an origin, as permission checks give it
    expect(isRendererUrl('http://localhost:5173/x', DEV)).toBe(true);
  });

  test('another app:// host is foreign, although URL.origin is "null" for both', () => {
    expect(new URL('app://evil/').origin).toBe(new URL(APP).origin);
    expect(isRendererUrl('app://evil/index.html', APP)).toBe(false);
  });

  test('file:// never counts (any local file would), nor other ports, schemes or garbage', () => {
    expect(isRendererUrl('file:///app/out/renderer/index.html', APP)).toBe(false);
    expect(isRendererUrl('file:///tmp/evil.html', 'file:///tmp/evil.html')).toBe(false);
    expect(isRendererUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isRendererUrl('https://renderer/index.html', APP)).toBe(false);
    expect(isRendererUrl('not a url', APP)).toBe(false);
  });
});

describe('navigation', () => {
  test('only within the renderer', () => {
    expect(navigationAllowed('app://renderer/index.html#x', APP)).toBe(true);
    expect(navigationAllowed('https://evil.example/', APP)).toBe(false);
    expect(navigationAllowed('file:///etc/passwd', APP)).toBe(false);
    expect(navigationAllowed('javascript:alert(1)', APP)).toBe(false);
  });
});

describe('external links', () => {
  test('the allow-listed page and pages below it, over https', () => {
    expect(EXTERNAL_LINKS).toEqual(['https://github.com/dusk-network/piecrust']);
    expect(isAllowedExternalUrl('https://github.com/dusk-network/piecrust')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/dusk-network/piecrust/')).toBe(true);
    expect(
      isAllowedExternalUrl('https://github.com/dusk-network/piecrust/blob/main/README.md'),
    ).toBe(true);
  });

  test.each([
    'https://evil.example/',
    'http://github.com/dusk-network/piecrust',
    'https://github.com/dusk-network/piecrust-evil',
    'https://github.com/dusk-network/',
    'https://github.com.evil.example/dusk-network/piecrust',
    'https://user@github.com/dusk-network/piecrust',
    'https://github.com:8443/dusk-network/piecrust',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'not a url',
  ])('anything else is refused: %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('permissions', () => {
  test('clipboard writes for our page only', () => {
    expect([...GRANTED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(permissionGranted('clipboard-sanitized-write', 'app://renderer/index.html', APP)).toBe(
      true,
    );
    expect(permissionGranted('clipboard-sanitized-write', 'app://renderer', APP)).toBe(true);
    expect(permissionGranted('clipboard-sanitized-write', 'https://evil.example/', APP)).toBe(
      false,
    );
  });

  test.each([
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'fullscreen',
    'display-capture',
    'unknown',
  ])('everything else is refused, even to our page: %s', (permission) => {
    expect(permissionGranted(permission, 'app://renderer/index.html', APP)).toBe(false);
  });
});
