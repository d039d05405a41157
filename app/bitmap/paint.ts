/**
 * Paints one ImageData for the whole config space: each bit a 2×2 cell coloured by the chosen overlay.
 * A pure function of the engine's session and the view options. Colours are packed once; the loop writes
 * 32-bit pixels and allocates nothing, so a full repaint of 32,768 bits stays well under 2 ms.
 */
import type { Session } from '../../src/index';
import type { Overlay, ValueView } from '../store/explorer';
import { BITS_PER_ROW, PX, rowsFor } from './geometry';
import { PALETTES, type BitmapPalette, type Rgb, type Swatch } from './palette';
import { changedBits, permDiffOf } from './perm-diff';

/** RGBA packed for a little-endian Uint32 view of ImageData. */
const pack = (c: Rgb) => (255 << 24) | (Math.round(c[2]) << 16) | (Math.round(c[1]) << 8) | Math.round(c[0]);

interface Packed {
  /** [base, texture] per permission class, indexed virt * 2 + write. */
  perm: [number, number][];
  /** [base, texture] per source (0 hardware, 1 vconfig, 2 QEMU) and value: index source * 2 + value. */
  sources: [number, number][];
  diff: number;
  faint: number;
  outside: number;
}

const packSwatch = (s: Swatch): [number, number] => [pack(s.base), pack(s.texture)];
const packedPalettes = new WeakMap<BitmapPalette, Packed>();
/** Colours are packed once per palette. */
function packed(p: BitmapPalette): Packed {
  let k = packedPalettes.get(p);
  if (!k) {
    k = {
      perm: [p.perm['hw-ro'], p.perm['hw-write'], p.perm['virt-ro'], p.perm['virt-write']].map(packSwatch),
      sources: [p.source.hardware, p.source.vconfig, p.source.qemu].flat().map(packSwatch),
      diff: pack(p.diff.base),
      faint: pack(p.faint.base),
      outside: pack(p.outside.base),
    };
    packedPalettes.set(p, k);
  }
  return k;
}

type Planes = readonly [Uint8Array, Uint8Array, Uint8Array];

const NONE = new Uint8Array(4096);
function perByte(f: (o: number) => number): Uint8Array {
  const out = new Uint8Array(4096);
  for (let o = 0; o < 4096; o++) out[o] = f(o);
  return out;
}

/**
 * Per overlay, a palette and three bit planes: a bit's palette index is plane 0 | plane 1 << 1 |
 * plane 2 << 2, so the painter's loop is plain bit arithmetic (it runs cold on every page load). The
 * permission and value overlays have textured entries (read-only classes, QEMU's copy); the diff
 * overlays' palettes repeat their base colour.
 */
function plan(
  s: Session,
  overlay: Overlay,
  view: ValueView,
  colours: Packed,
): { base: Uint32Array; tex: Uint32Array; planes: Planes } {
  const v = s.views;
  const textured = (swatches: [number, number][], planes: Planes) => ({
    base: Uint32Array.from(swatches.map((c) => c[0])),
    tex: Uint32Array.from(swatches.map((c) => c[1])),
    planes,
  });
  if (overlay === 'perm') return textured(colours.perm, [s.perm.write, s.perm.virt, NONE]);
  const solid = (list: number[], planes: Planes) => {
    const base = Uint32Array.from(list);
    return { base, tex: base, planes };
  };
  if (overlay === 'values') {
    // Palette order: hardware, vconfig, QEMU, each as (value 0, value 1).
    if (view === 'physical') return textured(colours.sources, [v.physical, NONE, NONE]);
    if (view === 'vmm') return textured(colours.sources, [v.vmm, v.vmmFromVconfig, NONE]);
    const fromVconfig = perByte((o) => v.vmmFromVconfig[o] & ~v.guestFromQemu[o]);
    return textured(colours.sources, [v.guest, fromVconfig, v.guestFromQemu]);
  }
  if (overlay === 'diff-views') {
    const differs = perByte((o) => (v.guest[o] ^ v.vmm[o]) | (v.vmm[o] ^ v.physical[o]));
    return solid([colours.faint, colours.diff], [differs, NONE, NONE]);
  }
  // diff-novirt: before/after PCI_MSI_NOVIRT; diff-kernel: the op-log on the compared kernel vs this one;
  // diff-patch: this kernel vs the kernel with the permission patch.
  const d = permDiffOf(s, overlay);
  const changed = d ? perByte((o) => changedBits(d, o)) : NONE;
  return solid([colours.faint, colours.diff], [changed, NONE, NONE]);
}

/** Whether a row's 16 bytes have every bit at palette index 0. */
function blankRow([p0, p1, p2]: Planes, o: number): boolean {
  for (let i = o; i < o + 16; i++) if (p0[i] | p1[i] | p2[i]) return false;
  return true;
}

export function paintBitmap(
  s: Session,
  overlay: Overlay,
  view: ValueView,
  size: number,
  image?: ImageData,
  palette: BitmapPalette = PALETTES.light,
): ImageData {
  const rows = rowsFor(size);
  const width = BITS_PER_ROW * PX;
  const rowPixels = PX * width;
  const img =
    image && image.width === width && image.height === rows * PX ? image : new ImageData(width, rows * PX);
  const px = new Uint32Array(img.data.buffer);
  const colours = packed(palette);
  const P_OUT = colours.outside;
  const { base, tex, planes } = plan(s, overlay, view, colours);
  const [p0, p1, p2] = planes;
  const live = Math.min(size, s.size);
  // Most of a 4 KiB space is empty extended space: rows whose bits are all index 0 look alike, so the
  // first is painted bit by bit and the rest copied from it, and rows past the device are one fill.
  let blank = -1;
  for (let row = 0; row < rows; row++) {
    const first = row * 16;
    const y = row * rowPixels;
    if (first >= live && first + 16 <= size) {
      px.fill(P_OUT, y, y + rowPixels);
      continue;
    }
    const whole = first + 16 <= live && blankRow(planes, first);
    if (whole && blank >= 0) {
      px.copyWithin(y, blank, blank + rowPixels);
      continue;
    }
    if (whole) blank = y;
    for (let o = first; o < first + 16 && o < size; o++) {
      const x0 = (o % 16) * 8 + 7;
      const a0 = p0[o];
      const a1 = p1[o];
      const a2 = p2[o];
      for (let b = 0; b < 8; b++) {
        const p = y + (x0 - b) * PX;
        if (o < live) {
          const i = ((a0 >> b) & 1) | (((a1 >> b) & 1) << 1) | (((a2 >> b) & 1) << 2);
          px[p] = px[p + 1] = px[p + width] = base[i];
          px[p + width + 1] = tex[i];
        } else {
          px[p] = px[p + 1] = px[p + width] = px[p + width + 1] = P_OUT;
        }
      }
    }
  }
  return img;
}
