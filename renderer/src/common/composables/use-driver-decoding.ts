/**
 * A value as its contract's data-driver decodes it, for a component: asks the decode store
 * (batched with the tick's other requests) whenever the value changes or its answer is dropped,
 * and reads the answer reactively (null until it is known).
 */
import { computed, watch, type ComputedRef } from 'vue';
import type { DriverDecodeItem, DriverDecoding } from '../../../../engine/api/types';
import { useDriverDecodeStore } from '../driver-decode-store';

export function useDriverDecoding(
  source: () => DriverDecodeItem | null,
): ComputedRef<DriverDecoding | null> {
  const store = useDriverDecodeStore();
  watch(
    () => {
      const item = source();
      // Asked again when the value changes, or its answer was dropped (the contract's driver
      // changed, the workspace did, or it was the oldest of too many kept).
      return item === null
        ? ''
        : `${store.generationOf(item.contract)}|${item.contract}|${item.kind}|${item.name}|${item.hex}|${store.known(item)}`;
    },
    () => {
      const item = source();
      if (item !== null && !store.known(item)) store.request(item);
    },
    { immediate: true },
  );
  return computed(() => {
    const item = source();
    return item === null ? null : store.get(item);
  });
}
