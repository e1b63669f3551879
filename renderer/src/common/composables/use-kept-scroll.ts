/**
 * Keeps a virtualised list's scroll position across KeepAlive: a deactivated view's DOM is
 * detached and comes back scrolled to the top, while the list still renders the rows of the old
 * position. On activation the element gets its old position back.
 */
import { onActivated, type Ref } from 'vue';

export function useKeptScroll(el: Ref<HTMLElement | null>, scrollTop: Ref<number>): void {
  onActivated(() => {
    const node = el.value;
    if (node === null) return;
    node.scrollTop = scrollTop.value;
    scrollTop.value = node.scrollTop;
  });
}
