/**
 * The page-wide keyboard listener: maps key presses to commands through the shortcut table.
 * While a text field has focus only field-safe shortcuts fire (Ctrl+Enter, Ctrl+K, Esc…), so
 * typing is never hijacked.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { commandFor, type CommandId } from './shortcuts';

function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(
  isMac: boolean,
  run: (id: CommandId) => void,
  overlayOpen: () => boolean,
): void {
  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const command = commandFor(event, isMac, isField(event.target));
    if (command === undefined) return;
    // Esc belongs to the overlay when one is open, and to the focused control otherwise.
    if (command === 'closeOverlay' && !overlayOpen()) return;
    event.preventDefault();
    run(command);
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
