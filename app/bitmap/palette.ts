/**
 * Colours for the bitmap: the Okabe–Ito colour-blind-safe set. Read-only classes also carry a texture
 * pixel so the classes differ in more than hue.
 */
import type { PermClass } from '../../src/index';

type Rgb = readonly [number, number, number];

export const PERM_COLOURS: Record<PermClass, Rgb> = {
  'virt-write': [0, 114, 178],
  'virt-ro': [86, 180, 233],
  'hw-write': [230, 159, 0],
  'hw-ro': [190, 190, 190],
};

export const PERM_LABELS: Record<PermClass, string> = {
  'virt-write': 'virtualized, writable (vconfig)',
  'virt-ro': 'virtualized, read-only',
  'hw-write': 'hardware, writable (passed through)',
  'hw-ro': 'hardware, read-only (writes dropped)',
};

export const SOURCE_COLOURS = {
  qemu: [0, 158, 115] as Rgb,
  vconfig: [0, 114, 178] as Rgb,
  hardware: [230, 159, 0] as Rgb,
};

export const DIFF_COLOUR: Rgb = [204, 121, 167];
export const FAINT: Rgb = [228, 230, 234];
export const OUTSIDE: Rgb = [246, 247, 249];

export const cssRgb = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
