/**
 * The bitmap painter against its legend: every bit is a 2×2 cell whose colour the overlay decides from
 * the session, textured classes (read-only permissions, QEMU's copy) carry their texture pixel, and bytes
 * past the device are the "outside" colour. Checked cell by cell for every overlay and view, in both
 * themes' palettes, on a PCIe device (mostly empty extended space), a conventional one, and a map larger
 * than its device.
 */
import { describe, expect, it } from 'vitest';
import { paintBitmap } from '../../app/bitmap/paint';
import { PALETTES, type BitmapPalette, type Swatch } from '../../app/bitmap/palette';
import type { Overlay, ValueView } from '../../app/store/explorer';
import { ath11kConfig, createSession, type Session } from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

type Rgb = readonly [number, number, number];

// Node has no ImageData; the painter only needs its size and pixel buffer.
class TestImageData {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
}
(globalThis as { ImageData?: unknown }).ImageData ??= TestImageData;

const rgb = (c: Rgb) => c.map(Math.round).join(',');
const bit = (plane: Uint8Array, o: number, b: number) => (plane[o] >> b) & 1;

/** The legend: [cell colour, texture pixel colour] of bit b of byte o, in palette p. */
function expected(
  p: BitmapPalette,
  s: Session,
  overlay: Overlay,
  view: ValueView,
  o: number,
  b: number,
): [string, string] {
  const v = s.views;
  const pair = (w: Swatch): [string, string] => [rgb(w.base), rgb(w.texture)];
  if (overlay === 'perm') {
    const virt = bit(s.perm.virt, o, b);
    const write = bit(s.perm.write, o, b);
    return pair(p.perm[`${virt ? 'virt' : 'hw'}-${write ? 'write' : 'ro'}`]);
  }
  if (overlay === 'values') {
    const [value, fromQemu, fromVconfig] =
      view === 'physical'
        ? [bit(v.physical, o, b), 0, 0]
        : view === 'vmm'
          ? [bit(v.vmm, o, b), 0, bit(v.vmmFromVconfig, o, b)]
          : [bit(v.guest, o, b), bit(v.guestFromQemu, o, b), bit(v.vmmFromVconfig, o, b)];
    return pair(p.source[fromQemu ? 'qemu' : fromVconfig ? 'vconfig' : 'hardware'][value]);
  }
  if (overlay === 'diff-views') {
    const differs = bit(v.guest, o, b) !== bit(v.vmm, o, b) || bit(v.vmm, o, b) !== bit(v.physical, o, b);
    return pair(differs ? p.diff : p.faint);
  }
  const d = s.novirtDiff!;
  const changed =
    bit(d.before.virt, o, b) !== bit(d.after.virt, o, b) ||
    bit(d.before.write, o, b) !== bit(d.after.write, o, b);
  return pair(changed ? p.diff : p.faint);
}

/** Every cell of an image of `size` bytes, as [offset, bit, its four pixels] for readable failures. */
function cells(img: ImageData, size: number) {
  const px = (x: number, y: number) =>
    [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)].join(',');
  const out: [number, number, string, string, string, string][] = [];
  for (let o = 0; o < size; o++)
    for (let b = 0; b < 8; b++) {
      const x = ((o % 16) * 8 + 7 - b) * 2;
      const y = Math.floor(o / 16) * 2;
      out.push([o, b, px(x, y), px(x + 1, y), px(x, y + 1), px(x + 1, y + 1)]);
    }
  return out;
}

function legend(p: BitmapPalette, s: Session, overlay: Overlay, view: ValueView, size: number) {
  const out: [number, number, string, string, string, string][] = [];
  for (let o = 0; o < size; o++)
    for (let b = 0; b < 8; b++) {
      const [cell, texture] =
        o < s.size ? expected(p, s, overlay, view, o, b) : [rgb(p.outside.base), rgb(p.outside.texture)];
      out.push([o, b, cell, cell, cell, texture]);
    }
  return out;
}

const novirt = { kind: 'feature', flags: 0x2000b, argsz: 8 } as const;
const guestWrite = { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee01000 } as const;
/** qca6390 with two stray bits in its empty extended space, at the first and last byte of a row. */
function qcaWithStrayBits(): Uint8Array {
  const bytes = ath11kConfig({ deviceId: 0x1101, msi: 'host' });
  bytes[0x800] = 0x80;
  bytes[0x81f] = 0x01;
  return bytes;
}
const sessions: [string, Session][] = [
  [
    'qca6390 (PCIe, 4 KiB)',
    createSession({
      bytes: qcaWithStrayBits(),
      rfc: true,
      ops: [guestWrite, novirt],
    }),
  ],
  [
    'ICH8M AHCI (256 bytes)',
    createSession({ bytes: fixtureBytes('8086-2829-ich8m-ahci-sata'), rfc: true, ops: [] }),
  ],
];
const views: [Overlay, ValueView][] = [
  ['perm', 'guest'],
  ['values', 'guest'],
  ['values', 'vmm'],
  ['values', 'physical'],
  ['diff-views', 'guest'],
  ['diff-novirt', 'guest'],
];

describe('paintBitmap draws the legend, cell by cell', () => {
  it.each(sessions)('%s: every overlay and view, both themes, full map and 256-byte map', (_, s) => {
    // One image reused across repaints, as the view does: each paint must overwrite every pixel.
    let image: ImageData | undefined;
    for (const p of [PALETTES.light, PALETTES.dark])
      for (const size of [s.size, 256])
        for (const [overlay, view] of views) {
          image = paintBitmap(s, overlay, view, size, image, p);
          expect([overlay, view, size, image.height]).toEqual([overlay, view, size, (size / 16) * 2]);
          expect(cells(image, size)).toEqual(legend(p, s, overlay, view, size));
        }
  });
  it('paints the light palette unless given another', () => {
    const s = sessions[0][1];
    expect(cells(paintBitmap(s, 'perm', 'guest', 256), 256)).toEqual(
      legend(PALETTES.light, s, 'perm', 'guest', 256),
    );
  });
  it('a map larger than the device (a refused bridge, 64 bytes dumped): the bytes past it are "outside"', () => {
    const bytes = fixtureBytes('8086-3408-x58-root-port').slice(0, 64);
    const s = createSession({ bytes, rfc: true, ops: [] });
    expect([s.refusal !== null, s.size]).toEqual([true, 64]);
    for (const [overlay, view] of views.filter(([o]) => o !== 'diff-novirt')) {
      const image = paintBitmap(s, overlay, view, 256, undefined, PALETTES.dark);
      expect(cells(image, 256)).toEqual(legend(PALETTES.dark, s, overlay, view, 256));
    }
  });
});
