/** An element's content size, kept current by a ResizeObserver (torn down on unmount). */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function useElementSize(target: Ref<HTMLElement | null>): {
  width: Ref<number>;
  height: Ref<number>;
} {
  const width = ref(0);
  const height = ref(0);
  let observer: ResizeObserver | undefined;
  onMounted(() => {
    const el = target.value;
    if (el === null) return;
    width.value = el.clientWidth;
    height.value = el.clientHeight;
    observer = new ResizeObserver(() => {
      width.value = el.clientWidth;
      height.value = el.clientHeight;
    });
    observer.observe(el);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return { width, height };
}
