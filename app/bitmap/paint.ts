/**
 * Paints one ImageData for the whole config space: each bit a 2×2 cell coloured by the chosen overlay.
 * A pure function of the engine's session and the view options. Colours are packed once; the loop writes
 * 32-bit pixels and allocates nothing, so a full repaint of 32,768 bits stays well under 2 ms.
 */
import type { Session } from '../../src/index';
import type { Overlay, ValueView } from '../store/explorer';
import { BITS_PER_ROW, PX, rowsFor } from './geometry';
import { DIFF_COLOUR, FAINT, OUTSIDE, PERM_COLOURS, SOURCE_COLOURS } from './palette';

type Rgb = readonly [number, number, number];

/** RGBA packed for a little-endian Uint32 view of ImageData. */
const pack = (c: Rgb) => (255 << 24) | (Math.round(c[2]) << 16) | (Math.round(c[1]) << 8) | Math.round(c[0]);
const dim = (c: Rgb, f: number): Rgb => [c[0] * f, c[1] * f, c[2] * f];
const light = (c: Rgb): Rgb => [
  255 - (255 - c[0]) * 0.22,
  255 - (255 - c[1]) * 0.22,
  255 - (255 - c[2]) * 0.22,
];

/** [base, texture] per permission class, indexed virt * 2 + write. */
const PERM = [
  PERM_COLOURS['hw-ro'],
  PERM_COLOURS['hw-write'],
  PERM_COLOURS['virt-ro'],
  PERM_COLOURS['virt-write'],
].map((c, i) => [pack(c), pack(i % 2 === 0 ? dim(c, 0.72) : c)]);
/** [value 0, value 1] per source: 0 hardware, 1 vconfig, 2 QEMU. */
const SOURCES = [SOURCE_COLOURS.hardware, SOURCE_COLOURS.vconfig, SOURCE_COLOURS.qemu].map((c) => [
  pack(light(c)),
  pack(c),
]);
const P_DIFF = pack(DIFF_COLOUR);
const P_FAINT = pack(FAINT);
const P_OUT = pack(OUTSIDE);

/**
 * Per overlay, a palette and the index of each bit into it. Only the permission overlay has textured
 * (read-only) entries; every other palette repeats the base colour as its texture.
 */
function plan(
  s: Session,
  overlay: Overlay,
  view: ValueView,
): { base: Uint32Array; tex: Uint32Array; index: (o: number, b: number) => number } {
  const v = s.views;
  if (overlay === 'perm') {
    const { virt, write } = s.perm;
    return {
      base: Uint32Array.from(PERM.map((c) => c[0])),
      tex: Uint32Array.from(PERM.map((c) => c[1])),
      index: (o, b) => (((virt[o] >> b) & 1) << 1) | ((write[o] >> b) & 1),
    };
  }
  const solid = (colours: number[], index: (o: number, b: number) => number) => {
    const base = Uint32Array.from(colours);
    return { base, tex: base, index };
  };
  if (overlay === 'values') {
    const bytes = view === 'guest' ? v.guest : view === 'vmm' ? v.vmm : v.physical;
    const src = (o: number, b: number) =>
      view === 'physical'
        ? 0
        : view === 'guest' && (v.guestFromQemu[o] >> b) & 1
          ? 2
          : (v.vmmFromVconfig[o] >> b) & 1;
    return solid(SOURCES.flat(), (o, b) => src(o, b) * 2 + ((bytes[o] >> b) & 1));
  }
  if (overlay === 'diff-views') {
    return solid(
      [P_FAINT, P_DIFF],
      (o, b) => (((v.guest[o] ^ v.vmm[o]) | (v.vmm[o] ^ v.physical[o])) >> b) & 1,
    );
  }
  const d = s.novirtDiff;
  return solid([P_FAINT, P_DIFF], (o, b) =>
    d ? (((d.before.virt[o] ^ d.after.virt[o]) | (d.before.write[o] ^ d.after.write[o])) >> b) & 1 : 0,
  );
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
  const px = new Uint32Array(img.data.buffer);
  const { base, tex, index } = plan(s, overlay, view);
  const live = Math.min(size, s.size);
  for (let o = 0; o < size; o++) {
    const y = Math.floor(o / 16) * PX * width;
    const x0 = (o % 16) * 8 + 7;
    for (let b = 0; b < 8; b++) {
      const p = y + (x0 - b) * PX;
      if (o < live) {
        const i = index(o, b);
        px[p] = px[p + 1] = px[p + width] = base[i];
        px[p + width + 1] = tex[i];
      } else {
        px[p] = px[p + 1] = px[p + width] = px[p + width + 1] = P_OUT;
      }
    }
  }
  return img;
}
