/**
 * One side of a replayed op as a strip of bits, MSB first: each bit's digit (what was written or read) on
 * the colour of where the engine says it went or came from (`routeOf`), the bits the patch changes ringed.
 * The strip is a picture of the line beside it, so it is hidden from assistive technology.
 */
import { routeOf, type BitRoute, type OpOutcome } from '../../src/index';
import { cssRgb, PALETTES, type BitmapPalette, type Rgb } from '../bitmap/palette';
import { useResolvedTheme } from '../theme';

/**
 * A route's colour for a bit of value 0 or 1: the bitmap's value-overlay swatches (QEMU's copy, vconfig,
 * the device), its read-only grey for a dropped bit, vconfig and device split for a bit sent to both.
 */
function routeBackground(p: BitmapPalette, route: BitRoute | 'none', value: 0 | 1): string {
  if (route === 'none') return 'transparent';
  if (route === 'dropped') return cssRgb(p.perm['hw-ro'].base);
  if (route === 'vconfig+hardware')
    return `linear-gradient(135deg, ${cssRgb(p.source.vconfig[value].base)} 50%, ${cssRgb(p.source.hardware[value].base)} 50%)`;
  return cssRgb(p.source[route][value].base);
}
/** Dark digits on light swatches, light digits on dark ones. */
const digitColour = (p: BitmapPalette, route: BitRoute | 'none', value: 0 | 1) => {
  const base: Rgb =
    route === 'none'
      ? [255, 255, 255]
      : route === 'dropped'
        ? p.perm['hw-ro'].base
        : p.source[route === 'vconfig+hardware' ? 'vconfig' : route][value].base;
  return 0.299 * base[0] + 0.587 * base[1] + 0.114 * base[2] > 140 ? '#1b1f24' : '#ffffff';
};

export const ROUTE_LEGEND: readonly [BitRoute, string][] = [
  ['vconfig', 'vconfig'],
  ['hardware', 'the device'],
  ['vconfig+hardware', 'both'],
  ['qemu', 'QEMU’s copy'],
  ['dropped', 'dropped'],
];

/** A legend swatch: the route's colour for a 1 bit. */
export function RouteSwatch({ route }: { route: BitRoute }) {
  const p = PALETTES[useResolvedTheme()];
  return (
    <span className="replay-swatch" style={{ background: routeBackground(p, route, 1) }} aria-hidden="true" />
  );
}

/** The mark under the bits the patch changes: the diff overlays' colour. */
export const useChangedColour = () => cssRgb(PALETTES[useResolvedTheme()].diff.base);

export function ReplayBits({
  outcome,
  value,
  size,
  changed,
}: {
  outcome: OpOutcome;
  /** The value written or read, whose digits the strip shows. */
  value: number;
  size: number;
  /** Bits to ring: their route or value differs between the two kernels. */
  changed: number;
}) {
  const p = PALETTES[useResolvedTheme()];
  const bits = Array.from({ length: size * 8 }, (_, i) => size * 8 - 1 - i);
  const on = (mask: number, b: number) => Math.floor(mask / 2 ** b) % 2 === 1;
  const mark = cssRgb(p.diff.base);
  return (
    <span className="replay-bits mono" aria-hidden="true">
      {bits.map((b) => {
        const route = routeOf(outcome, b);
        const v = on(value, b) ? 1 : 0;
        return (
          <span
            key={b}
            className={`replay-bit${on(changed, b) ? ' changed' : ''}${b % 8 === 0 && b ? ' byte-end' : ''}`}
            style={{
              background: routeBackground(p, route, v),
              color: digitColour(p, route, v),
              ...(on(changed, b) ? { boxShadow: `0 3px 0 0 ${mark}` } : {}),
            }}
          >
            {v}
          </span>
        );
      })}
    </span>
  );
}
