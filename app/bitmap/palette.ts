/**
 * The bitmap's colours, one palette per theme. Hues come from the Okabe–Ito colour-blind-safe set, but
 * no class relies on hue: within an overlay, classes drawn the same way differ in lightness by at least
 * 10 CIELAB L* for every kind of colour vision, and the others differ by a texture (the bit's fourth
 * pixel, 10+ L* from its cell). test/engine/palette-vision.test.ts checks this for every pair of classes
 * in every overlay and theme, under simulated protanopia, deuteranopia and tritanopia; the legend draws
 * these same swatches (`overlaySwatches`).
 */
import type { PermClass } from '../../src/index';
import type { Overlay } from '../store/explorer';
import type { Theme } from '../theme';

export type Rgb = readonly [number, number, number];

/** A bit's 2×2 cell: three pixels of `base`, the fourth `texture` (equal to `base` when untextured). */
export interface Swatch {
  readonly base: Rgb;
  readonly texture: Rgb;
}

export type Source = 'hardware' | 'vconfig' | 'qemu';

export interface BitmapPalette {
  readonly perm: Readonly<Record<PermClass, Swatch>>;
  /** Where a bit's value came from, as [value 0, value 1]. */
  readonly source: Readonly<Record<Source, readonly [Swatch, Swatch]>>;
  /** A bit that differs (diff overlays), one that does not, and a byte past the device. */
  readonly diff: Swatch;
  readonly faint: Swatch;
  readonly outside: Swatch;
}

const solid = (base: Rgb): Swatch => ({ base, texture: base });
/** Light theme: a darker fourth pixel. Dark theme: a lighter one (dark dots vanish on dark cells). */
const darkDot = (base: Rgb): Swatch => ({ base, texture: base.map((c) => Math.round(c * 0.7)) as never });
const lightDot = (base: Rgb): Swatch => ({
  base,
  texture: base.map((c) => Math.round(c + (255 - c) * 0.45)) as never,
});

const PINK: Rgb = [204, 121, 167];

export const PALETTES: Readonly<Record<Theme, BitmapPalette>> = {
  light: {
    perm: {
      'virt-write': solid([0, 114, 178]),
      'virt-ro': darkDot([86, 180, 233]),
      'hw-write': solid([230, 159, 0]),
      'hw-ro': darkDot([212, 212, 212]),
    },
    // Value 1 darker than value 0 for every source; QEMU's copy textured.
    source: {
      hardware: [solid([243, 208, 131]), solid([179, 124, 0])],
      vconfig: [solid([117, 178, 213]), solid([0, 87, 135])],
      qemu: [darkDot([193, 231, 221]), darkDot([0, 150, 110])],
    },
    diff: solid(PINK),
    faint: solid([207, 209, 214]),
    outside: solid([246, 247, 249]),
  },
  dark: {
    perm: {
      'virt-write': solid([0, 114, 178]),
      'virt-ro': lightDot([86, 180, 233]),
      'hw-write': solid([230, 159, 0]),
      'hw-ro': lightDot([93, 95, 97]),
    },
    // Value 1 brighter than value 0 for every source; QEMU's copy textured.
    source: {
      hardware: [solid([57, 50, 31]), solid([230, 159, 0])],
      vconfig: [solid([10, 82, 124]), solid([60, 126, 162])],
      qemu: [lightDot([11, 108, 84]), lightDot([17, 164, 124])],
    },
    diff: solid(PINK),
    faint: solid([67, 71, 78]),
    outside: solid([22, 25, 29]),
  },
};

export const PERM_LABELS: Record<PermClass, string> = {
  'virt-write': 'virtualized, writable (vconfig)',
  'virt-ro': 'virtualized, read-only',
  'hw-write': 'hardware, writable (passed through)',
  'hw-ro': 'hardware, read-only (writes dropped)',
};

export const SOURCE_LABELS: Record<Source, string> = {
  qemu: 'from QEMU’s copy',
  vconfig: 'from vfio’s vconfig',
  hardware: 'from the device',
};

/** One class an overlay paints: a key naming it (`perm:hw-ro`, `values:qemu:1`, `diff`) and its swatch. */
export interface OverlayClass {
  readonly key: string;
  readonly swatch: Swatch;
}

/** Every class the overlay paints, bytes past the device included: what the legend and the tests read. */
export function overlaySwatches(p: BitmapPalette, overlay: Overlay): OverlayClass[] {
  const outside = { key: 'outside', swatch: p.outside };
  if (overlay === 'perm')
    return [
      ...(Object.keys(p.perm) as PermClass[]).map((k) => ({ key: `perm:${k}`, swatch: p.perm[k] })),
      outside,
    ];
  if (overlay === 'values')
    return [
      ...(Object.keys(p.source) as Source[]).flatMap((k) =>
        p.source[k].map((swatch, value) => ({ key: `values:${k}:${value}`, swatch })),
      ),
      outside,
    ];
  return [{ key: 'diff', swatch: p.diff }, { key: 'same', swatch: p.faint }, outside];
}

export const isTextured = (s: Swatch) => s.base.some((c, i) => c !== s.texture[i]);
export const cssRgb = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
