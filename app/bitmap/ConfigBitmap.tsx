/**
 * Config space as a bitmap: one canvas (ImageData) for all 32,768 bits, an SVG overlay for the
 * selection, hover and cursor, row offsets like lspci, capability bands. d3-zoom pans and zooms
 * (pan-zoom.ts); the canvas owns its pixels, React owns everything else.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Session } from '../../src/index';
import { select, setCursor, setHover, useExplorer, useTimelineRange } from '../store/explorer';
import { selectionFor } from '../selection';
import { BITS_PER_ROW, bitAt, byteRects, cellOf, PX, ROW_ASPECT, rowsFor } from './geometry';
import { paintBitmap } from './paint';
import { PALETTES } from './palette';
import { useResolvedTheme } from '../theme';
import type { PanZoom } from './pan-zoom';
import { BitTooltip } from './BitTooltip';
import { HoverOutline } from './HoverOutline';
import { AccessibleRow } from './AccessibleRow';
import { CapabilityBands, RowLabels } from './CapabilityBands';
import { FieldNames, ZOOM_NAMES } from './FieldNames';
import { useShownValueView } from '../store/session';

const GUTTER = 34;

export function ConfigBitmap({ session }: { session: Session }) {
  const overlay = useExplorer((s) => s.overlay);
  const view = useShownValueView(session);
  const compact = useExplorer((s) => s.compact);
  const cursor = useExplorer((s) => s.cursor);
  const selected = useExplorer((s) => s.selected);
  const timeline = useTimelineRange();
  const theme = useResolvedTheme();
  const size = compact ? Math.min(256, session.size) : session.size;
  const rows = rowsFor(size);
  const canvas = useRef<HTMLCanvasElement>(null);
  /** Reused between repaints: the painter writes into the same pixels. */
  const image = useRef<ImageData | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const world = useRef<HTMLDivElement>(null);
  const panZoom = useRef<PanZoom | null>(null);
  /** Zoomed in far enough that rows are labelled one by one and registers carry their names. */
  const [zoomed, setZoomed] = useState(false);

  // Before the browser paints: the frame that shows the canvas shows its pixels, never an empty grid.
  // The painter sets every pixel opaque, so the context is opaque too: nothing to blend (cold first paint
  // ~5 ms sooner).
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d', { alpha: false });
    if (!ctx) return;
    const t0 = performance.now();
    image.current = paintBitmap(session, overlay, view, size, image.current ?? undefined, PALETTES[theme]);
    ctx.putImageData(image.current, 0, 0);
    canvas.current!.dataset.paintMs = (performance.now() - t0).toFixed(3);
  }, [session, overlay, view, size, theme]);

  useEffect(() => {
    let live = true;
    void import('./pan-zoom').then(({ attachPanZoom }) => {
      if (live)
        panZoom.current = attachPanZoom(viewport.current!, world.current!, (k) => setZoomed(k >= ZOOM_NAMES));
    });
    return () => {
      live = false;
      panZoom.current?.detach();
      panZoom.current = null;
    };
  }, []);

  // Switching between the 256-byte and 4 KiB maps resets the zoom. Not on mount: there is nothing to reset,
  // and d3-zoom would measure the viewport, forcing a layout of the whole page before its first paint.
  const shownCompact = useRef(compact);
  useEffect(() => {
    if (shownCompact.current === compact) return;
    shownCompact.current = compact;
    panZoom.current?.reset();
  }, [compact]);

  // Keep the cursor in view when the keyboard moves it.
  // Measured in the next frame, once the browser has laid the page out anyway, rather than forcing a layout
  // of a page still being built.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const vp = viewport.current;
      const c = canvas.current;
      if (!vp || !c) return;
      const { row } = cellOf(cursor);
      const rect = c.getBoundingClientRect();
      const vpRect = vp.getBoundingClientRect();
      const y = rect.top + (row / rows) * rect.height;
      if (y < vpRect.top || y > vpRect.bottom - 12) vp.scrollTop += y - vpRect.top - vpRect.height / 2;
    });
    return () => cancelAnimationFrame(frame);
  }, [cursor, rows]);

  const bitFromEvent = (e: React.PointerEvent | React.MouseEvent): number | null => {
    const rect = canvas.current!.getBoundingClientRect();
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * BITS_PER_ROW);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * rows);
    if (col < 0 || col >= BITS_PER_ROW || row < 0 || row >= rows) return null;
    const bit = bitAt(col, row);
    return bit >> 3 < size ? bit : null;
  };

  /** Arrows move the bit cursor (Shift: a byte), Enter selects the register under it. */
  const onKeyDown = (e: React.KeyboardEvent) => {
    const { col, row } = cellOf(cursor);
    const step = e.shiftKey ? 8 : 1;
    let next: { col: number; row: number };
    if (e.key === 'ArrowLeft')
      next = col - step >= 0 ? { col: col - step, row } : { col: BITS_PER_ROW - step + col, row: row - 1 };
    else if (e.key === 'ArrowRight')
      next =
        col + step < BITS_PER_ROW
          ? { col: col + step, row }
          : { col: col + step - BITS_PER_ROW, row: row + 1 };
    else if (e.key === 'ArrowUp') next = { col, row: row - 1 };
    else if (e.key === 'ArrowDown') next = { col, row: row + 1 };
    else if (e.key === '+' || e.key === '=' || e.key === '-') {
      panZoom.current?.zoomBy(e.key === '-' ? 1 / 1.5 : 1.5);
      e.preventDefault();
      return;
    } else if (e.key === 'Enter' || e.key === ' ') {
      select(selectionFor(session, cursor >> 3));
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    if (next.row < 0 || next.row >= rows) return;
    const bit = bitAt(next.col, next.row);
    setCursor(bit);
    setHover(bit);
  };

  const onClick = (e: React.MouseEvent) => {
    const bit = bitFromEvent(e);
    if (bit === null) return;
    setCursor(bit);
    select(selectionFor(session, bit >> 3));
  };

  const overlays = useMemo(() => {
    const rects: { key: string; cls: string; r: { x: number; y: number; w: number; h: number } }[] = [];
    if (timeline)
      byteRects(timeline.offset, timeline.size).forEach((r, i) => rects.push({ key: `t${i}`, cls: 'tl', r }));
    if (selected)
      byteRects(selected.offset, selected.size).forEach((r, i) =>
        rects.push({ key: `s${i}`, cls: 'sel', r }),
      );
    const c = cellOf(cursor);
    rects.push({ key: 'c', cls: 'cur', r: { x: c.col, y: c.row, w: 1, h: 1 } });
    return rects;
  }, [selected, cursor, timeline]);

  return (
    <section className="bitmap" aria-label="Bitmap">
      <div className="zoom-bar" role="group" aria-label="Zoom">
        <button onClick={() => panZoom.current?.zoomBy(1.5)} aria-label="Zoom in" aria-keyshortcuts="+">
          +
        </button>
        <button onClick={() => panZoom.current?.zoomBy(1 / 1.5)} aria-label="Zoom out" aria-keyshortcuts="-">
          −
        </button>
        <button onClick={() => panZoom.current?.reset()}>Reset zoom</button>
        <span className="muted zoom-hint" id="zoom-hint">
          + / − (or Ctrl+wheel) zoom, drag to pan; zoomed in, rows show offsets and registers their names
        </span>
      </div>
      <div
        className="bitmap-viewport"
        ref={viewport}
        role="grid"
        aria-label="Config space"
        aria-rowcount={rows}
        aria-colcount={BITS_PER_ROW}
        aria-describedby="zoom-hint"
        tabIndex={0}
        data-testid="bitmap"
        onKeyDown={onKeyDown}
      >
        <div className="bitmap-world" ref={world} style={{ gridTemplateColumns: `${GUTTER}px 1fr 9rem` }}>
          <RowLabels rows={rows} every={zoomed} />
          <div
            className="bitmap-canvas-wrap"
            style={{ aspectRatio: `${BITS_PER_ROW} / ${rows * ROW_ASPECT}` }}
          >
            <canvas
              ref={canvas}
              width={BITS_PER_ROW * PX}
              height={rows * PX}
              className="bitmap-canvas"
              data-testid="bitmap-canvas"
              onPointerMove={(e) => setHover(bitFromEvent(e))}
              onPointerLeave={() => setHover(null)}
              onClick={onClick}
            />
            <svg
              className="bitmap-overlay"
              viewBox={`0 0 ${BITS_PER_ROW} ${rows}`}
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              {overlays.map(({ key, cls, r }) => (
                <rect
                  key={key}
                  className={cls}
                  x={r.x}
                  y={r.y}
                  width={r.w}
                  height={r.h}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
              <HoverOutline session={session} />
            </svg>
            {zoomed && <FieldNames session={session} size={size} />}
          </div>
          <CapabilityBands session={session} size={size} />
        </div>
        <AccessibleRow session={session} />
      </div>
      <BitTooltip session={session} />
    </section>
  );
}
