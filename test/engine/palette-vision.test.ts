/**
 * The bitmap's classes stay distinguishable for colour-blind viewers, in both themes (issue #16): for
 * every pair of classes an overlay paints, as seen with normal vision and with simulated protanopia,
 * deuteranopia and tritanopia (Machado et al. 2009, full severity):
 * - the two colours differ by at least MIN_DE in CIEDE2000 (never the same colour);
 * - two classes drawn the same way (both plain, or both textured) differ by at least MIN_DL in CIELAB L*:
 *   lightness alone tells them apart, whatever the viewer's hue vision;
 * - a textured class's dots differ from its cell by at least MIN_DL L*, so the texture itself is a
 *   lightness pattern, not a hue.
 * Engine-free: the palettes are data.
 */
import { describe, expect, it } from 'vitest';
import { isTextured, overlaySwatches, PALETTES, type Swatch } from '../../app/bitmap/palette';
import type { Overlay } from '../../app/store/explorer';
import { ciede2000, labAs, VISIONS } from '../helpers/colour-vision';

const MIN_DE = 5;
const MIN_DL = 10;
const OVERLAYS: Overlay[] = ['perm', 'values', 'diff-views', 'diff-novirt', 'diff-kernel', 'diff-patch'];

describe('the colour science', () => {
  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    // Pairs 1, 7 and 17 of the paper's Table 1 (L*, a*, b*) with their published ΔE00.
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
  });
  it('sRGB to CIELAB: white, black and the sRGB primaries', () => {
    const round = (l: readonly number[]) => l.map((x) => Math.round(x * 10) / 10 + 0);
    expect(round(labAs('normal', [255, 255, 255]))).toEqual([100, 0, 0]);
    expect(round(labAs('normal', [0, 0, 0]))).toEqual([0, 0, 0]);
    expect(round(labAs('normal', [255, 0, 0]))).toEqual([53.2, 80.1, 67.2]);
    expect(round(labAs('normal', [0, 0, 255]))).toEqual([32.3, 79.2, -107.9]);
  });
  it('the simulations keep greys grey and confuse what each deficiency confuses', () => {
    for (const v of VISIONS)
      expect(labAs(v, [128, 128, 128])[0]).toBeCloseTo(labAs('normal', [128, 128, 128])[0], 0);
    // Red against green: far apart for normal vision, close for a deuteranope.
    const red = [200, 60, 40] as const;
    const green = [90, 130, 40] as const;
    expect(ciede2000(labAs('normal', red), labAs('normal', green))).toBeGreaterThan(30);
    expect(ciede2000(labAs('deuteranopia', red), labAs('deuteranopia', green))).toBeLessThan(12);
  });
});

/** The least ΔE00 and |ΔL*| between two colours over every kind of colour vision. */
function leastDifference(a: Swatch['base'], b: Swatch['base']) {
  let de = Infinity;
  let dl = Infinity;
  for (const v of VISIONS) {
    const la = labAs(v, a);
    const lb = labAs(v, b);
    de = Math.min(de, ciede2000(la, lb));
    dl = Math.min(dl, Math.abs(la[0] - lb[0]));
  }
  return { de, dl };
}

describe.each(['light', 'dark'] as const)('the %s palette', (theme) => {
  it.each(OVERLAYS)(
    '%s: every pair of classes differs by more than hue, for every colour vision',
    (overlay) => {
      const classes = overlaySwatches(PALETTES[theme], overlay);
      const failures: string[] = [];
      for (let i = 0; i < classes.length; i++)
        for (let j = i + 1; j < classes.length; j++) {
          const [a, b] = [classes[i], classes[j]];
          const { de, dl } = leastDifference(a.swatch.base, b.swatch.base);
          const sameDrawing = isTextured(a.swatch) === isTextured(b.swatch);
          if (de < MIN_DE || (sameDrawing && dl < MIN_DL))
            failures.push(`${a.key} / ${b.key}: ΔE00 ${de.toFixed(1)}, ΔL* ${dl.toFixed(1)}`);
        }
      expect(failures).toEqual([]);
    },
  );
  it('every texture is a lightness pattern', () => {
    const failures = OVERLAYS.flatMap((o) => overlaySwatches(PALETTES[theme], o))
      .filter((c) => isTextured(c.swatch))
      .map((c) => ({ key: c.key, dl: leastDifference(c.swatch.base, c.swatch.texture).dl }))
      .filter((c) => c.dl < MIN_DL);
    expect(failures).toEqual([]);
  });
  it('each overlay has the classes the painter draws: 4 permissions, 3 sources × 2 values, diff and same', () => {
    expect(OVERLAYS.map((o) => overlaySwatches(PALETTES[theme], o).length)).toEqual([5, 7, 3, 3, 3, 3]);
  });
});
