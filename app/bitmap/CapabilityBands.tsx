/** Capability regions as coloured bands beside the bitmap, named, so the map reads like the chain. */
import type { Session } from '../../src/index';

const BAND_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D1F'];

export function CapabilityBands({ session, size }: { session: Session; size: number }) {
  const caps = [
    { name: 'Header', offset: 0, length: 64 },
    ...session.decoded.capabilities,
    ...session.decoded.extendedCapabilities,
  ].filter((c) => c.offset < size);
  return (
    <div className="bands" aria-hidden="true">
      {caps.map((c, i) => (
        <div
          key={c.offset}
          className="band"
          style={{
            top: `${(c.offset / size) * 100}%`,
            height: `${(Math.max(4, Math.min(c.length, size - c.offset)) / size) * 100}%`,
            borderColor: BAND_COLOURS[i % BAND_COLOURS.length],
          }}
        >
          <span>{c.name}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Row offsets like lspci's `50:`; in the full 4 KiB map every fourth row is labelled. One text node, a
 * label per line: the stylesheet makes each line as tall as the rows it labels, so the labels follow the
 * bitmap's height (and zoom) without an element each (64 of them cost a cold first render ~15 ms).
 */
export function RowLabels({ rows }: { rows: number }) {
  const step = rows > 16 ? 4 : 1;
  const labels = Array.from(
    { length: Math.ceil(rows / step) },
    (_, i) => `${(i * step * 16).toString(16).padStart(2, '0')}:`,
  );
  return (
    <div className="gutter" aria-hidden="true">
      <div style={{ '--rows': rows, '--step': step } as React.CSSProperties}>{labels.join('\n')}</div>
    </div>
  );
}
