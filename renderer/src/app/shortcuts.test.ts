import { describe, expect, test } from 'vitest';
import { commandFor, comboKeys, matches, SHORTCUTS } from './shortcuts';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean; code: string }> = {},
) => ({
  key: k,
  code: mods.code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('keyboard shortcuts', () => {
  test('Mod is Ctrl on Linux/Windows and ⌘ on macOS', () => {
    expect(matches(key('Enter', { ctrl: true }), 'Mod+Enter', false)).toBe(true);
    expect(matches(key('Enter', { meta: true }), 'Mod+Enter', false)).toBe(false);
    expect(matches(key('Enter', { meta: true }), 'Mod+Enter', true)).toBe(true);
    expect(matches(key('k', { ctrl: true }), 'Mod+K', false)).toBe(true);
    expect(matches(key('K', { ctrl: true, shift: true }), 'Mod+K', false)).toBe(false);
  });

  test('dispatch, with only field-safe shortcuts while typing', () => {
    expect(commandFor(key('ArrowLeft', { alt: true }), false, false)).toBe('stepPrev');
    expect(commandFor(key('ArrowRight', { alt: true, shift: true }), false, false)).toBe(
      'stepOver',
    );
    expect(commandFor(key('ArrowLeft', { alt: true }), false, true)).toBeUndefined();
    expect(commandFor(key('Enter', { ctrl: true }), false, true)).toBe('call');
    expect(commandFor(key('?', { shift: true }), false, false)).toBe('help');
    expect(commandFor(key('¡', { alt: true, code: 'Digit1' }), true, false)).toBe('viewCalls');
    expect(commandFor(key('x'), false, false)).toBeUndefined();
  });

  test('key caps for the help overlay', () => {
    expect(comboKeys('Mod+Enter', false)).toEqual(['Ctrl', 'Enter']);
    expect(comboKeys('Mod+Enter', true)).toEqual(['⌘', 'Enter']);
    expect(comboKeys('Alt+ArrowLeft', false)).toEqual(['Alt', '←']);
    expect(SHORTCUTS.every((s) => s.description.length > 0)).toBe(true);
  });
});
