/**
 * Capability regions as coloured bands beside the bitmap, named, so the map reads like the chain. Labels
 * are placed, not clipped: each sits at its band's top unless the one above pushes it down (or the bottom
 * edge pushes it up), and a name too wide for the column shows as its shorter name in words (`Vendor
 * Specific`) or, failing that, setpci's short name (`CAP_PM`), with the full name on hover.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { capabilityShortName, setpciCapName, type Session } from '../../src/index';

const BAND_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D1F'];
/** Label line height in px (the stylesheet's 10 px font, 12 px lines). */
const LINE = 12;
/** Left of a label: the band's left edge, its 5 px border and padding. */
const LABEL_LEFT = 13;

interface Band {
  readonly name: string;
  /** Shorter names to fall back on, in order, when the name is too wide. */
  readonly shorter: readonly string[];
  readonly offset: number;
  readonly length: number;
}

/** Top of each label (px): in band order, none above its band's top unless the bottom edge forces it. */
export function placeLabels(tops: readonly number[], height: number, line = LINE): number[] {
  const out: number[] = [];
  for (const t of tops) out.push(Math.max(t, out.length ? out[out.length - 1] + line : 0));
  // Labels pushed past the bottom move up as a block, never above the top.
  for (let i = out.length - 1; i >= 0; i--) {
    const limit = i === out.length - 1 ? height - line : out[i + 1] - line;
    out[i] = Math.max(0, Math.min(out[i], limit));
  }
  return out;
}

let measure: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * 6;
  measure.font = font;
  return measure.measureText(text).width;
}

export function CapabilityBands({ session, size }: { session: Session; size: number }) {
  const bands: Band[] = [
    { name: 'Header', shorter: [], offset: 0, length: 64 },
    ...[...session.decoded.capabilities, ...session.decoded.extendedCapabilities].map((c) => ({
      name: c.name,
      shorter: [capabilityShortName(c), setpciCapName(c)?.replace(/^E?CAP_/, '')].filter(
        (s): s is string => s !== undefined,
      ),
      offset: c.offset,
      length: c.length,
    })),
  ].filter((c) => c.offset < size);
  const root = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ height: number; width: number; font: string } | null>(null);
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const read = () => {
      const cs = getComputedStyle(el);
      setBox({ height: el.clientHeight, width: el.clientWidth, font: `${cs.fontSize} ${cs.fontFamily}` });
    };
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const tops = box
    ? placeLabels(
        bands.map((b) => (b.offset / size) * box.height),
        box.height,
      )
    : [];
  return (
    <div className="bands" ref={root} aria-hidden="true">
      {bands.map((c, i) => {
        const colour = BAND_COLOURS[i % BAND_COLOURS.length];
        const fits = (text: string) => !box || textWidth(text, box.font) <= box.width - LABEL_LEFT - 2;
        const label = [c.name, ...c.shorter].find(fits) ?? c.shorter.at(-1) ?? c.name;
        return (
          <div key={c.offset}>
            <div
              className="band"
              style={{
                top: `${(c.offset / size) * 100}%`,
                height: `${(Math.max(4, Math.min(c.length, size - c.offset)) / size) * 100}%`,
                borderColor: colour,
              }}
            />
            {box && (
              <span
                className="band-label"
                data-testid="band-label"
                title={c.name}
                style={{ top: tops[i], borderColor: colour }}
              >
                {label}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Row offsets like lspci's `50:`; in the full 4 KiB map every fourth row is labelled (every row when
 * zoomed in). One text node, a
 * label per line: the stylesheet makes each line as tall as the rows it labels, so the labels follow the
 * bitmap's height (and zoom) without an element each (64 of them cost a cold first render ~15 ms).
 */
export function RowLabels({ rows, every = false }: { rows: number; every?: boolean }) {
  // Zoomed in, every row is labelled (each is tall enough on screen).
  const step = rows > 16 && !every ? 4 : 1;
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
