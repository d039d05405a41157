/** The chosen view as an lspci hex dump; hover and click link to the bitmap, tree and inspector. */
import { useEffect, useRef } from 'react';
import type { Session } from '../../src/index';
import { scrollWithin, selectionFor } from '../selection';
import { select, setCursor, setHover, useExplorer } from '../store/explorer';

const h2 = (v: number) => v.toString(16).padStart(2, '0');

export function HexPane({ session }: { session: Session }) {
  const view = useExplorer((s) => s.valueView);
  const compact = useExplorer((s) => s.compact);
  const selected = useExplorer((s) => s.selected);
  const hover = useExplorer((s) => s.hover);
  const body = useRef<HTMLDivElement>(null);
  const bytes =
    view === 'guest' ? session.views.guest : view === 'vmm' ? session.views.vmm : session.views.physical;
  const size = compact ? Math.min(256, session.size) : session.size;
  const hov = hover === null ? null : selectionFor(session, hover >> 3);
  const inSel = (o: number) => !!selected && o >= selected.offset && o < selected.offset + selected.size;
  const inHov = (o: number) => !!hov && o >= hov.offset && o < hov.offset + hov.size;

  useEffect(() => {
    if (!selected) return;
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
      <div className="hex-body mono" ref={body} onPointerLeave={() => setHover(null)}>
        {Array.from({ length: size / 16 }, (_, r) => r * 16).map((row) => (
          <div key={row} className="hex-row" data-row={row}>
            <span className="hex-off">{h2(row)}:</span>
            {Array.from({ length: 16 }, (_, i) => row + i).map((o) => (
              <span
                key={o}
                className={`hex-byte${inSel(o) ? ' sel' : ''}${inHov(o) ? ' hov' : ''}`}
                data-offset={o}
                onPointerEnter={() => setHover(o * 8)}
                onClick={() => {
                  setCursor(o * 8);
                  select(selectionFor(session, o));
                }}
              >
                {h2(bytes[o])}
              </span>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
