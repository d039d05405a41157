/**
 * Paints one ImageData for the whole config space: each bit a 2×2 cell coloured by the chosen overlay.
 * A pure function of the engine's session and the view options, so it can be benchmarked and tested.
 */
import { permClass, type Session } from '../../src/index';
import type { Overlay, ValueView } from '../store/explorer';
import { BITS_PER_ROW, PX, rowsFor } from './geometry';
import { DIFF_COLOUR, FAINT, OUTSIDE, PERM_COLOURS, SOURCE_COLOURS } from './palette';

type Rgb = readonly [number, number, number];

const dim = (c: Rgb, f: number): Rgb => [c[0] * f, c[1] * f, c[2] * f];
const light = (c: Rgb): Rgb => [
  255 - (255 - c[0]) * 0.22,
  255 - (255 - c[1]) * 0.22,
  255 - (255 - c[2]) * 0.22,
];

function bitColour(
  s: Session,
  overlay: Overlay,
  view: ValueView,
  offset: number,
  bit: number,
): { c: Rgb; textured: boolean } {
  const m = 1 << bit;
  const v = s.views;
  if (overlay === 'perm') {
    const k = permClass(s.perm, offset, bit);
    return { c: PERM_COLOURS[k], textured: k.endsWith('-ro') };
  }
  if (overlay === 'values') {
    const bytes = view === 'guest' ? v.guest : view === 'vmm' ? v.vmm : v.physical;
    const src =
      view === 'physical'
        ? SOURCE_COLOURS.hardware
        : view === 'guest' && v.guestFromQemu[offset] & m
          ? SOURCE_COLOURS.qemu
          : v.vmmFromVconfig[offset] & m
            ? SOURCE_COLOURS.vconfig
            : SOURCE_COLOURS.hardware;
    return { c: bytes[offset] & m ? src : light(src), textured: false };
  }
  if (overlay === 'diff-views') {
    const differs = (v.guest[offset] ^ v.vmm[offset]) & m || (v.vmm[offset] ^ v.physical[offset]) & m;
    return { c: differs ? DIFF_COLOUR : FAINT, textured: false };
  }
  const diff = s.novirtDiff;
  if (!diff) return { c: FAINT, textured: false };
  const changed =
    ((diff.before.virt[offset] ^ diff.after.virt[offset]) |
      (diff.before.write[offset] ^ diff.after.write[offset])) &
    m;
  return changed ? { c: DIFF_COLOUR, textured: false } : { c: FAINT, textured: false };
}

export function paintBitmap(
  s: Session,
  overlay: Overlay,
  view: ValueView,
  size: number,
  image?: ImageData,
): ImageData {
  const rows = rowsFor(size);
  const width = BITS_PER_ROW * PX;
  const img =
    image && image.width === width && image.height === rows * PX ? image : new ImageData(width, rows * PX);
  const d = img.data;
  for (let offset = 0; offset < size; offset++) {
    const row = Math.floor(offset / 16);
    const x0 = (offset % 16) * 8;
    for (let bit = 0; bit < 8; bit++) {
      const { c, textured } =
        offset < s.size ? bitColour(s, overlay, view, offset, bit) : { c: OUTSIDE, textured: false };
      const dark = textured ? dim(c, 0.72) : c;
      const x = (x0 + 7 - bit) * PX;
      const y = row * PX;
      for (let dy = 0; dy < PX; dy++) {
        for (let dx = 0; dx < PX; dx++) {
          const p = ((y + dy) * width + x + dx) * 4;
          const col = dx === 1 && dy === 1 ? dark : c;
          d[p] = col[0];
          d[p + 1] = col[1];
          d[p + 2] = col[2];
          d[p + 3] = 255;
        }
      }
    }
  }
  return img;
}
