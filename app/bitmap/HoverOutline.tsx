/** The dashed outline of the register under the pointer; the only part of the bitmap that follows hover. */
import type { Session } from '../../src/index';
import { selectionFor } from '../selection';
import { useExplorer } from '../store/explorer';
import { byteRects } from './geometry';

export function HoverOutline({ session }: { session: Session }) {
  const hover = useExplorer((s) => s.hover);
  if (hover === null) return null;
  const h = selectionFor(session, hover >> 3);
  return (
    <>
      {byteRects(h.offset, h.size).map((r, i) => (
        <rect
          key={i}
          className="hov"
          x={r.x}
          y={r.y}
          width={r.w}
          height={r.h}
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </>
  );
}
