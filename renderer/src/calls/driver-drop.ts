/**
 * A .wasm dropped on a contract's card attaches it as that contract's data-driver, instead of the
 * window's drop (which deploys a .wasm: app/dropped-files.ts). While files are dragged over the
 * card it says so, and the window's overlay steps aside (`overCard`). Only the name tells a
 * driver from anything else, and a browser reveals it at the drop: any other file dropped on the
 * card is left to the window's handler.
 */
import { readonly, ref, type Ref } from 'vue';

const over = ref(0);
/** Files are being dragged over some contract card: App.vue hides the deploy/open overlay. */
export const overCard: Readonly<Ref<number>> = readonly(over);

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function useDriverDrop(attach: (file: File) => unknown): {
  dragging: Ref<boolean>;
  onDragEnter(event: DragEvent): void;
  onDragOver(event: DragEvent): void;
  onDragLeave(event: DragEvent): void;
  onDrop(event: DragEvent): void;
} {
  const dragging = ref(false);
  // Entering a child fires dragenter before the parent's dragleave: count, as App.vue does.
  let depth = 0;
  function leaveAll(): void {
    if (dragging.value) over.value = Math.max(0, over.value - 1);
    depth = 0;
    dragging.value = false;
  }
  return {
    dragging,
    onDragEnter(event) {
      if (!hasFiles(event)) return;
      depth++;
      if (!dragging.value) over.value++;
      dragging.value = true;
    },
    onDragOver(event) {
      // Accepting the drop here: without this the browser would open the file.
      if (hasFiles(event)) event.preventDefault();
    },
    onDragLeave() {
      if (depth > 0 && --depth === 0) leaveAll();
    },
    onDrop(event) {
      leaveAll();
      const file = event.dataTransfer?.files[0];
      if (file === undefined || !file.name.toLowerCase().endsWith('.wasm')) return;
      // Handled: the window's drop handler sees defaultPrevented and leaves it.
      event.preventDefault();
      void attach(file);
    },
  };
}
