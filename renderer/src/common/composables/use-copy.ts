// Copy a text to the clipboard and say so for a moment (the chips' copy buttons).
import { ref, type Ref } from 'vue';

/** How long "copied" shows after a copy. */
const SHOWN_MS = 1200;

export function useCopy(): { copied: Ref<boolean>; copy: (text: string) => Promise<void> } {
  const copied = ref(false);
  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      copied.value = true;
      setTimeout(() => (copied.value = false), SHOWN_MS);
    } catch {
      // Clipboard access can be denied (insecure origin, permissions); the title still shows it.
    }
  }
  return { copied, copy };
}
