/**
 * UI state that belongs to no engine domain: the theme (following the OS unless the user picks
 * one), which overlay is open (help, command palette), and transient notifications.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Overlay = 'none' | 'help' | 'palette';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

const THEME_KEY = 'piecrust-inspector.theme';

function storedTheme(): ThemeChoice {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)').matches
    : false;
}

export const useUiStore = defineStore('ui', () => {
  const theme = ref<ThemeChoice>(storedTheme());
  const systemDark = ref(systemPrefersDark());
  const effectiveTheme = computed<'light' | 'dark'>(() =>
    theme.value === 'system' ? (systemDark.value ? 'dark' : 'light') : theme.value,
  );
  const overlay = ref<Overlay>('none');
  const toasts = ref<Toast[]>([]);
  /** Bumped to ask the commit form to open (from a shortcut or the palette). */
  const commitRequest = ref(0);
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  let nextToast = 1;

  if (typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
      systemDark.value = e.matches;
    });
  }

  function setTheme(choice: ThemeChoice): void {
    theme.value = choice;
    if (typeof localStorage !== 'undefined') {
      if (choice === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, choice);
    }
  }

  /** system → the opposite of what the OS shows → the OS's own → system. */
  function cycleTheme(): void {
    const order: ThemeChoice[] = systemDark.value
      ? ['system', 'light', 'dark']
      : ['system', 'dark', 'light'];
    setTheme(order[(order.indexOf(theme.value) + 1) % order.length]);
  }

  function openOverlay(which: Overlay): void {
    overlay.value = overlay.value === which ? 'none' : which;
  }

  function closeOverlay(): void {
    overlay.value = 'none';
  }

  function requestCommit(): void {
    commitRequest.value++;
  }

  function notify(
    kind: Toast['kind'],
    text: string,
    action?: Toast['action'],
    timeoutMs = 6000,
  ): number {
    const id = nextToast++;
    toasts.value = [...toasts.value.slice(-3), { id, kind, text, action }];
    if (timeoutMs > 0) setTimeout(() => dismiss(id), kind === 'error' ? timeoutMs * 2 : timeoutMs);
    return id;
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  return {
    theme,
    systemDark,
    effectiveTheme,
    overlay,
    toasts,
    commitRequest,
    isMac,
    requestCommit,
    setTheme,
    cycleTheme,
    openOverlay,
    closeOverlay,
    notify,
    dismiss,
  };
});
