/**
 * Zoomed in, each register's bits carry its name: one label per register, over its cells (split at row
 * ends), sized against the zoom so it reads at ~9 px whatever the scale. Rendered only when zoomed.
 */
import type { Session } from '../../src/index';
import { byteRects, BITS_PER_ROW, rowsFor } from './geometry';

/** The zoom from which rows are labelled one by one and registers by name. */
export const ZOOM_NAMES = 3;

export function FieldNames({ session, size }: { session: Session; size: number }) {
  const d = session.decoded;
  const rows = rowsFor(size);
  const fields = [
    ...d.header.fields,
    ...[...d.capabilities, ...d.extendedCapabilities].flatMap((c) => c.fields),
  ].filter((f) => f.offset < size);
  return (
    <div className="field-names" aria-hidden="true" data-testid="field-names">
      {fields.flatMap((f) =>
        byteRects(f.offset, f.size).map((r, i) => (
          <span
            key={`${f.offset}-${i}`}
            title={f.name}
            style={{
              left: `${(r.x / BITS_PER_ROW) * 100}%`,
              top: `${(r.y / rows) * 100}%`,
              width: `${(r.w / BITS_PER_ROW) * 100}%`,
              height: `${100 / rows}%`,
            }}
          >
            {f.name.replace(/^PCI_(EXT_)?/, '')}
          </span>
        )),
      )}
    </div>
  );
}
