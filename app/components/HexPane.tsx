/** The chosen view as an lspci hex dump; hover and click link to the bitmap, tree and inspector. */
import { memo, useEffect, useRef } from 'react';
import { fieldInView, type Session, type ViewName } from '../../src/index';
import { scrollWithin, selectionFor } from '../selection';
import {
  select,
  setCursor,
  setHover,
  useExplorer,
  useTimelineRange,
  type Selection,
} from '../store/explorer';
import { useShownValueView } from '../store/session';

const h2 = (v: number) => v.toString(16).padStart(2, '0');

/** The part of a range that falls in a row, so a row re-renders only when its own highlight changes. */
const clip = (r: Selection | null, row: number): string => {
  if (!r || r.offset >= row + 16 || r.offset + r.size <= row) return '';
  return `${Math.max(r.offset, row)}-${Math.min(r.offset + r.size, row + 16)}`;
};
const inRange = (range: string, o: number) => {
  if (!range) return false;
  const [a, b] = range.split('-').map(Number);
  return o >= a && o < b;
};

/** One row of 16 bytes; pointer events are handled once, on the pane (see `byteAt`). */
const HexRow = memo(function HexRow({
  row,
  bytes,
  sel,
  hov,
  tl,
}: {
  row: number;
  bytes: Uint8Array;
  sel: string;
  hov: string;
  /** The bytes of the timeline's current config access. */
  tl: string;
}) {
  return (
    <div className="hex-row" data-row={row}>
      <span className="hex-off">{h2(row)}:</span>
      {Array.from({ length: 16 }, (_, i) => row + i).map((o) => (
        <span
          key={o}
          className={`hex-byte${inRange(sel, o) ? ' sel' : ''}${inRange(hov, o) ? ' hov' : ''}${inRange(tl, o) ? ' tl' : ''}`}
          data-offset={o}
        >
          {h2(bytes[o])}
        </span>
      ))}
    </div>
  );
});

/** The byte offset under a pointer event, from the byte span it hit (null between bytes). */
const byteAt = (e: React.PointerEvent | React.MouseEvent): number | null => {
  const offset = (e.target as HTMLElement).dataset?.offset;
  return offset === undefined ? null : Number(offset);
};

export function HexPane({ session }: { session: Session }) {
  const view = useShownValueView(session);
  const compact = useExplorer((s) => s.compact);
  const selected = useExplorer((s) => s.selected);
  const hover = useExplorer((s) => s.hover);
  const timeline = useTimelineRange();
  const body = useRef<HTMLDivElement>(null);
  const bytes =
    view === 'guest' ? session.views.guest : view === 'vmm' ? session.views.vmm : session.views.physical;
  const size = compact ? Math.min(256, session.size) : session.size;
  const hov = hover === null ? null : selectionFor(session, hover >> 3);

  useEffect(() => {
    if (selected)
      scrollWithin(body.current, body.current?.querySelector(`[data-row="${selected.offset & ~15}"]`));
  }, [selected]);

  return (
    <section className="hex" aria-label="Hex dump">
      <h2>
        Hex dump{' '}
        <span className="muted">
          ({view === 'vmm' ? 'VMM view' : view === 'guest' ? 'guest view' : 'physical'})
        </span>
      </h2>
      <HexNote session={session} view={view} offset={(hov ?? selected)?.offset ?? null} />
      <div
        className="hex-body mono"
        ref={body}
        tabIndex={0}
        aria-label="Hex rows"
        onPointerLeave={() => setHover(null)}
        // One listener for 4096 bytes instead of two per byte.
        onPointerOver={(e) => {
          const o = byteAt(e);
          if (o !== null) setHover(o * 8);
        }}
        onClick={(e) => {
          const o = byteAt(e);
          if (o === null) return;
          setCursor(o * 8);
          select(selectionFor(session, o));
        }}
      >
        {Array.from({ length: size / 16 }, (_, r) => r * 16).map((row) => (
          <HexRow
            key={row}
            row={row}
            bytes={bytes}
            sel={clip(selected, row)}
            hov={clip(hov, row)}
            tl={clip(timeline, row)}
          />
        ))}
      </div>
    </section>
  );
}

/**
 * The annotation above the rows: the hovered (else selected) register with what it means in the shown
 * view, in lspci's words — its own reading, or its bit fields' readings in order.
 */
function HexNote({ session, view, offset }: { session: Session; view: ViewName; offset: number | null }) {
  const loc = offset === null ? null : session.fields.at(offset);
  const f = loc && fieldInView(session.views, view, loc.field.offset, loc.field.name);
  const meaning =
    f &&
    (f.meaning ??
      f.bits
        ?.map((b) => b.meaning)
        .filter(Boolean)
        .join(' '));
  return (
    <p className="hex-note" aria-live="polite">
      {loc ? (
        <>
          <span className="mono">
            0x{loc.field.offset.toString(16).padStart(2, '0')} {loc.field.name}
          </span>
          {meaning ? <span className="meaning"> → {meaning}</span> : null}
        </>
      ) : (
        <span className="muted">Point at a byte to see its register and what it means.</span>
      )}
    </p>
  );
}
