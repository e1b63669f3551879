/**
 * d3-zoom on the graph's viewport element (a template ref): drag to pan, Ctrl/⌘ + wheel or pinch
 * to zoom, plain wheel to scroll (what a long list wants). The behaviour is attached when the
 * element mounts and removed on unmount; the component only sees plain transforms.
 */
import {
  select,
  zoom,
  zoomIdentity,
  zoomTransform,
  type D3ZoomEvent,
  type Selection,
  type ZoomBehavior,
} from 'd3';
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { constrainTransform, type ViewTransform } from './geometry';

export interface GraphZoomOptions {
  scaleExtent: [number, number];
  onZoom(transform: ViewTransform): void;
}

export interface GraphZoom {
  setTransform(t: ViewTransform): void;
  /** Zoom by `factor` keeping the screen point `anchor` (CSS pixels in the element) in place. */
  scaleBy(factor: number, anchor: [number, number]): void;
  /** World rectangle the view may show (d3 keeps the viewport inside it). */
  setBounds(x0: number, y0: number, x1: number, y1: number, minScale: number): void;
}

export function useGraphZoom(
  target: Ref<HTMLElement | null>,
  options: GraphZoomOptions,
): GraphZoom {
  let behaviour: ZoomBehavior<HTMLElement, unknown> | undefined;
  let selection: Selection<HTMLElement, unknown, null, undefined> | undefined;

  const onWheel = (event: WheelEvent): void => {
    if (
      event.ctrlKey ||
      event.metaKey ||
      behaviour === undefined ||
      selection === undefined ||
      target.value === null
    )
      return;
    event.preventDefault();
    const { k } = zoomTransform(target.value);
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const dx = (event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX) * unit;
    const dy = event.shiftKey && event.deltaX === 0 ? 0 : event.deltaY * unit;
    behaviour.translateBy(selection, -dx / k, -dy / k);
  };

  onMounted(() => {
    const element = target.value;
    if (element === null) return;
    behaviour = zoom<HTMLElement, unknown>()
      .scaleExtent(options.scaleExtent)
      .constrain((transform, extent, translateExtent) => {
        const t = constrainTransform(transform, extent, translateExtent);
        return t.x === transform.x && t.y === transform.y
          ? transform
          : zoomIdentity.translate(t.x, t.y).scale(t.k);
      })
      // Wheel zooms only with Ctrl/⌘ (trackpad pinch sends Ctrl); right-click opens the menu.
      .filter((event: Event) => {
        if (event.type === 'wheel')
          return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
        const mouse = event as MouseEvent;
        return !mouse.button && !mouse.ctrlKey && !mouse.metaKey && !mouse.shiftKey;
      })
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        const { k, x, y } = event.transform;
        options.onZoom({ k, x, y });
      });
    selection = select(element);
    selection.call(behaviour).on('dblclick.zoom', null);
    element.addEventListener('wheel', onWheel, { passive: false });
  });

  onBeforeUnmount(() => {
    selection?.on('.zoom', null);
    target.value?.removeEventListener('wheel', onWheel);
    behaviour = undefined;
    selection = undefined;
  });

  return {
    setTransform(t) {
      if (behaviour === undefined || selection === undefined) return;
      // zoom.transform() applies the translate constraint but not the scale extent.
      const [min, max] = behaviour.scaleExtent();
      const k = Math.min(max, Math.max(min, t.k));
      behaviour.transform(selection, zoomIdentity.translate(t.x, t.y).scale(k));
    },
    scaleBy(factor, anchor) {
      if (behaviour !== undefined && selection !== undefined)
        behaviour.scaleBy(selection, factor, anchor);
    },
    setBounds(x0, y0, x1, y1, minScale) {
      behaviour?.translateExtent([
        [x0, y0],
        [x1, y1],
      ]);
      behaviour?.scaleExtent([minScale, options.scaleExtent[1]]);
      if (behaviour !== undefined && selection !== undefined) behaviour.scaleBy(selection, 1); // re-apply the constraint
    },
  };
}
