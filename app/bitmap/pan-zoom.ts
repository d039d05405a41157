/**
 * Pan and zoom for the bitmap's viewport, with d3-zoom: Ctrl+wheel or the zoom buttons zoom, a drag
 * pans, double-click is left to the bitmap. Loaded on demand: nobody zooms before the first screen has
 * painted.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';

export interface PanZoom {
  /** Back to 1:1, as when switching between the 256-byte and 4 KiB maps. */
  reset(): void;
  /** Zoom by a factor about the viewport's centre (the zoom buttons and + / − keys). */
  zoomBy(factor: number): void;
  detach(): void;
}

export const MAX_ZOOM = 12;

export function attachPanZoom(
  viewport: HTMLDivElement,
  world: HTMLDivElement,
  onScale: (k: number) => void,
): PanZoom {
  const z = zoom<HTMLDivElement, unknown>()
    .scaleExtent([1, MAX_ZOOM])
    .filter((e: Event) => (e.type === 'wheel' ? (e as WheelEvent).ctrlKey : !(e as MouseEvent).button))
    .on('zoom', (e: { transform: { x: number; y: number; k: number } }) => {
      const t = e.transform;
      world.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
      world.style.setProperty('--zoom', String(t.k));
      onScale(t.k);
    });
  const sel = select(viewport);
  sel.call(z).on('dblclick.zoom', null);
  return {
    reset: () => sel.call(z.transform, zoomIdentity),
    zoomBy: (factor) => sel.call(z.scaleBy, factor),
    detach: () => sel.on('.zoom', null),
  };
}
