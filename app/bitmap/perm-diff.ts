/**
 * The permission diff a diff overlay shows, as the engine's session holds it (before and after masks):
 * PCI_MSI_NOVIRT, another kernel, or the permission patch. The bitmap, the bit tooltip, the inspector and
 * the field tree all read it from here, so the three views always mark the same bits.
 */
import { readLE, type Session } from '../../src/index';
import type { Overlay } from '../store/explorer';

interface Masks {
  readonly virt: Uint8Array;
  readonly write: Uint8Array;
}
export interface PermDiffMasks {
  readonly before: Masks;
  readonly after: Masks;
}

/** Null for overlays that are not a permission diff, or when the session has nothing to compare. */
export function permDiffOf(s: Session, overlay: Overlay): PermDiffMasks | null {
  if (overlay === 'diff-novirt') return s.novirtDiff;
  if (overlay === 'diff-kernel') return s.kernelDiff;
  if (overlay === 'diff-patch') return s.patchDiff;
  return null;
}

/** Bits of one byte whose virt or write class differs. */
export const changedBits = (d: PermDiffMasks, offset: number): number =>
  (d.before.virt[offset] ^ d.after.virt[offset]) | (d.before.write[offset] ^ d.after.write[offset]);

/** Whether any bit of `size` bytes at `offset` changes class. */
export function rangeChanges(d: PermDiffMasks, offset: number, size: number): boolean {
  for (let o = offset; o < offset + size; o++) if (changedBits(d, o)) return true;
  return false;
}

/** A bit field's virt/write letters, as the inspector prints them: V/W all its bits, v/w some, - none. */
export function fieldClass(mask: number, virt: number, write: number): string {
  const m = mask >>> 0;
  const letter = (v: number, all: string) => ((v & m) >>> 0 === m ? all : v & m ? all.toLowerCase() : '-');
  return `${letter(virt, 'V')}/${letter(write, 'W')}`;
}

/** A register's virt and write masks before and after, or null when none of its bits changes class. */
export function registerChange(
  d: PermDiffMasks | null,
  offset: number,
  size: number,
): { readonly virt: readonly [number, number]; readonly write: readonly [number, number] } | null {
  if (!d || !rangeChanges(d, offset, size)) return null;
  return {
    virt: [readLE(d.before.virt, offset, size), readLE(d.after.virt, offset, size)],
    write: [readLE(d.before.write, offset, size), readLE(d.after.write, offset, size)],
  };
}

/** "V/W → -/-" for a bit field whose class changes, else null. */
export function fieldChange(c: ReturnType<typeof registerChange>, mask: number): string | null {
  if (!c) return null;
  const was = fieldClass(mask, c.virt[0], c.write[0]);
  const is = fieldClass(mask, c.virt[1], c.write[1]);
  return was === is ? null : `${was} → ${is}`;
}
