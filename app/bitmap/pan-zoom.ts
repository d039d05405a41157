/**
 * Pan and zoom for the bitmap's viewport, with d3-zoom: Ctrl+wheel zooms, a drag pans, double-click is
 * left to the bitmap. Loaded on demand: nobody zooms before the first screen has painted.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';

export interface PanZoom {
  /** Back to 1:1, as when switching between the 256-byte and 4 KiB maps. */
  reset(): void;
  detach(): void;
}

export function attachPanZoom(viewport: HTMLDivElement, world: HTMLDivElement): PanZoom {
  const z = zoom<HTMLDivElement, unknown>()
    .scaleExtent([1, 12])
    .filter((e: Event) => (e.type === 'wheel' ? (e as WheelEvent).ctrlKey : !(e as MouseEvent).button))
    .on('zoom', (e: { transform: { x: number; y: number; k: number } }) => {
      const t = e.transform;
      world.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
    });
  select(viewport).call(z).on('dblclick.zoom', null);
  return {
    reset: () => select(viewport).call(z.transform, zoomIdentity),
    detach: () => select(viewport).on('.zoom', null),
  };
}
