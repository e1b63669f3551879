/**
 * Keyboard shortcuts: one table, used both to dispatch key presses and to draw the help overlay,
 * so the two cannot disagree. `Mod` is ⌘ on macOS and Ctrl elsewhere.
 */

export type CommandId =
  | 'call'
  | 'palette'
  | 'help'
  | 'stepNext'
  | 'stepPrev'
  | 'stepInto'
  | 'stepOut'
  | 'stepOver'
  | 'viewCalls'
  | 'viewSteps'
  | 'viewMemory'
  | 'viewDiff'
  | 'viewGraph'
  | 'viewProfile'
  | 'newSession'
  | 'commit'
  | 'toggleTheme'
  | 'closeOverlay'
  | 'interrupt';

export interface Shortcut {
  command: CommandId;
  combo: string;
  description: string;
  /** Also fires while typing in a text field (only combos that cannot be text input). */
  inFields?: boolean;
  group: 'General' | 'Calls' | 'Steps' | 'Views';
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    command: 'palette',
    combo: 'Mod+K',
    description: 'Command palette',
    inFields: true,
    group: 'General',
  },
  { command: 'help', combo: 'Shift+?', description: 'Keyboard shortcuts', group: 'General' },
  {
    command: 'help',
    combo: 'F1',
    description: 'Keyboard shortcuts',
    inFields: true,
    group: 'General',
  },
  {
    command: 'closeOverlay',
    combo: 'Escape',
    description: 'Close a dialog or overlay',
    inFields: true,
    group: 'General',
  },
  {
    command: 'newSession',
    combo: 'Alt+N',
    description: 'New session on genesis',
    group: 'General',
  },
  {
    command: 'toggleTheme',
    combo: 'Alt+T',
    description: 'Switch light / dark / system theme',
    group: 'General',
  },
  {
    command: 'call',
    combo: 'Mod+Enter',
    description: 'Call the selected function',
    inFields: true,
    group: 'Calls',
  },
  {
    command: 'interrupt',
    combo: 'Mod+.',
    description: 'Interrupt the running call',
    inFields: true,
    group: 'Calls',
  },
  {
    command: 'commit',
    combo: 'Mod+Shift+S',
    description: 'Commit the session',
    inFields: true,
    group: 'Calls',
  },
  { command: 'stepNext', combo: 'Alt+ArrowRight', description: 'Step forward', group: 'Steps' },
  { command: 'stepPrev', combo: 'Alt+ArrowLeft', description: 'Step back', group: 'Steps' },
  {
    command: 'stepInto',
    combo: 'Alt+ArrowDown',
    description: 'Step into the next nested call',
    group: 'Steps',
  },
  {
    command: 'stepOut',
    combo: 'Alt+ArrowUp',
    description: 'Step out of the current frame',
    group: 'Steps',
  },
  {
    command: 'stepOver',
    combo: 'Alt+Shift+ArrowRight',
    description: 'Step over nested calls',
    group: 'Steps',
  },
  { command: 'viewCalls', combo: 'Alt+1', description: 'Calls view', group: 'Views' },
  { command: 'viewSteps', combo: 'Alt+2', description: 'Steps view', group: 'Views' },
  { command: 'viewMemory', combo: 'Alt+3', description: 'Memory view', group: 'Views' },
  { command: 'viewDiff', combo: 'Alt+4', description: 'Diff view', group: 'Views' },
  { command: 'viewGraph', combo: 'Alt+5', description: 'Graph view', group: 'Views' },
  { command: 'viewProfile', combo: 'Alt+6', description: 'Profile view', group: 'Views' },
];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Combo {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parseCombo(combo: string): Combo {
  const parts = combo.split('+');
  // "Mod++" style is not used; the last part is the key.
  const key = parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1));
  return { mod: mods.has('Mod'), alt: mods.has('Alt'), shift: mods.has('Shift'), key };
}

/** The key a press means, independent of layout quirks: Alt+digit on macOS types "¡", so use the code. */
function keyOf(event: KeyLike): string {
  if (event.code !== undefined && /^Digit\d$/.test(event.code)) return event.code.slice(5);
  return event.key.length === 1 ? event.key.toUpperCase() : event.key;
}

export function matches(event: KeyLike, combo: string, isMac: boolean): boolean {
  const c = parseCombo(combo);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const other = isMac ? event.ctrlKey : event.metaKey;
  if (mod !== c.mod || other || event.altKey !== c.alt) return false;
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key;
  // "?" already implies Shift; for letters and named keys Shift must match exactly.
  if (key !== '?' && event.shiftKey !== c.shift) return false;
  return keyOf(event) === key;
}

export function commandFor(
  event: KeyLike,
  isMac: boolean,
  inField: boolean,
): CommandId | undefined {
  for (const s of SHORTCUTS) {
    if (inField && s.inFields !== true) continue;
    if (matches(event, s.combo, isMac)) return s.command;
  }
  return undefined;
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧' };
const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Enter: 'Enter',
  Escape: 'Esc',
};

/** Key caps for the help overlay: ["Ctrl", "Enter"] or ["⌘", "Enter"]. */
export function comboKeys(combo: string, isMac: boolean): string[] {
  const parts = combo.split('+');
  return parts.map((p, i) => {
    if (i < parts.length - 1) return isMac ? (MAC_SYMBOLS[p] ?? p) : p === 'Mod' ? 'Ctrl' : p;
    return KEY_NAMES[p] ?? p;
  });
}
