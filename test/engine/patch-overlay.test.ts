/**
 * The permission patch's diff overlay renders the engine's diff and nothing else: the bitmap marks exactly
 * the bits diffPatch reports, the inspector and field tree read the same register masks, and the bit
 * tooltip says before → after in the permission classes' words.
 */
import { describe, expect, it } from 'vitest';
import { bitFacts } from '../../app/bitmap/bit-facts';
import { paintBitmap } from '../../app/bitmap/paint';
import { fieldChange, permDiffOf, registerChange } from '../../app/bitmap/perm-diff';
import { builtinPatch, createSession, diffPatch, permPatchOrThrow, type PermPatch } from '../../src/index';
import { fixtureBytes } from '../helpers/fixtures';

// Node has no ImageData; the painter only needs its size and pixel buffer.
(globalThis as { ImageData?: unknown }).ImageData ??= class {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
};

const novirt = permPatchOrThrow(builtinPatch('novirt')!.text, 'novirt');

/** Bits painted in a colour other than an unchanged bit's (byte 0 bit 0, the vendor ID, never changes). */
function paintedBits(bytes: Uint8Array, patch: PermPatch): string[] {
  const s = createSession({ bytes, kernel: 'v6.11', ops: [], patch });
  const img = paintBitmap(s, 'diff-patch', 'guest', s.size);
  const at = (o: number, b: number) => {
    const x = ((o % 16) * 8 + 7 - b) * 2;
    const y = Math.floor(o / 16) * 2;
    return [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)].join(',');
  };
  const unchanged = at(0, 0);
  const out: string[] = [];
  for (let o = 0; o < s.size; o++)
    for (let b = 0; b < 8; b++) if (at(o, b) !== unchanged) out.push(`${o}:${b}`);
  return out;
}

describe('the diff-patch overlay', () => {
  it.each([
    ['8086-095a-wireless-7265-wifi', 80],
    ['168c-003c-qca988x-ath10k-wifi', 0],
    ['8086-2829-ich8m-ahci-sata', 48],
  ])('%s: the bitmap marks exactly diffPatch’s bits for novirt (%i bits)', (name, count) => {
    const bytes = fixtureBytes(name);
    const engine = diffPatch(bytes, novirt, { kernel: 'v6.11' })
      .bits.map((b) => `${b.offset}:${b.bit}`)
      .sort();
    expect(engine).toHaveLength(count);
    expect(paintedBits(bytes, novirt).sort()).toEqual(engine);
  });

  it('the Intel 7265 (64-bit MSI at 0xd0): the address register goes from all virtualized and writable to none', () => {
    const s = createSession({
      bytes: fixtureBytes('8086-095a-wireless-7265-wifi'),
      kernel: 'v6.11',
      ops: [],
      patch: novirt,
    });
    const d = permDiffOf(s, 'diff-patch');
    expect(d).toBe(s.patchDiff);
    expect(registerChange(d, 0xd4, 4)).toEqual({ virt: [0xffffffff, 0], write: [0xffffffff, 0] });
    // The flags word is not in the patch: no change, so nothing is marked in the tree or inspector.
    expect(registerChange(d, 0xd2, 2)).toBeNull();
    expect(fieldChange(registerChange(d, 0xd4, 4), 0xfffffffc)).toBe('V/W → -/-');
    expect(bitFacts(s, 0xd4 * 8 + 2, 'diff-patch').change).toBe(
      'virtualized, writable (vconfig) → hardware, read-only (writes dropped)',
    );
    expect(bitFacts(s, 0xd4 * 8 + 2, 'perm').change).toBeNull();
    expect(bitFacts(s, 0 * 8, 'diff-patch').change).toBeNull();
  });

  it('without a patch (or with one that does not parse, so the session gets none) nothing is marked', () => {
    const s = createSession({
      bytes: fixtureBytes('8086-095a-wireless-7265-wifi'),
      kernel: 'v6.11',
      ops: [],
    });
    expect(permDiffOf(s, 'diff-patch')).toBeNull();
    expect(bitFacts(s, 0xd4 * 8, 'diff-patch').change).toBeNull();
  });
});
