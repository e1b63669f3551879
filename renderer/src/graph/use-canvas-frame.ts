/**
 * A canvas redrawn at most once per animation frame, sized to its CSS box × devicePixelRatio,
 * with the graph palette read from CSS once and again whenever the OS colour scheme or the app's
 * theme (data-theme on <html>) changes. Listeners are removed on unmount.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { readPalette, type GraphPalette } from './palette';

export type Draw = (context: CanvasRenderingContext2D, dpr: number, palette: GraphPalette) => void;

export function useCanvasFrame(
  canvas: Ref<HTMLCanvasElement | null>,
  width: Ref<number>,
  height: Ref<number>,
  draw: Draw,
): { schedule(): void } {
  let palette: GraphPalette | undefined;
  let frame = 0;

  const paint = (): void => {
    frame = 0;
    const element = canvas.value;
    const context = element?.getContext('2d') ?? null;
    if (element === null || context === null || width.value === 0) return;
    palette ??= readPalette(element);
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(width.value * dpr);
    const h = Math.round(height.value * dpr);
    if (element.width !== w || element.height !== h) {
      element.width = w;
      element.height = h;
    }
    draw(context, dpr, palette);
  };

  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(paint);
  };

  const rereadPalette = (): void => {
    palette = undefined;
    schedule();
  };
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const theme = new MutationObserver(rereadPalette);

  onMounted(() => {
    scheme.addEventListener('change', rereadPalette);
    theme.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class'],
    });
    schedule();
  });
  onBeforeUnmount(() => {
    scheme.removeEventListener('change', rereadPalette);
    theme.disconnect();
    if (frame !== 0) cancelAnimationFrame(frame);
  });

  return { schedule };
}
