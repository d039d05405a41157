/**
 * The generic handlers of vfio_pci_config.c: vfio_default_config_read/_write, vfio_direct_config_read,
 * vfio_raw_config_read/_write and vfio_virt_config_read/_write.
 */
import { readLE, sizeMask, writeLE } from '../../util/bytes';
import type { PermTable } from '../perm/types';
import type { VfioState } from '../state';
import type { ChunkRead, WriteFn, WriteTrace } from './types';

/** The `count` table bytes at `offset` (bytes past the table read as 0, as a zeroed allocation would). */
export function tableBits(bits: Uint8Array, offset: number, count: number): number {
  let v = 0;
  for (let i = count - 1; i >= 0; i--) v = v * 256 + (bits[offset + i] ?? 0);
  return v >>> 0;
}

/** Write to hardware and remember which of the user's bits went there. */
export function hwWrite(
  s: VfioState,
  pos: number,
  count: number,
  value: number,
  userBits: number,
  t: WriteTrace,
): void {
  const ignored = s.hw.write(pos, count, value);
  t.toHardware = (t.toHardware | userBits) >>> 0;
  t.ignoredByHardware = (t.ignoredByHardware | (ignored & userBits)) >>> 0;
}

export function defaultRead(
  s: VfioState,
  pos: number,
  count: number,
  perm: PermTable,
  offset: number,
): ChunkRead {
  const full = sizeMask(count);
  const vval = readLE(s.vconfig, pos, count);
  const virt = tableBits(perm.virtBits, offset, count);
  if (virt === full) return { value: vval, hw: 0 };
  const phys = s.hw.read(pos, count);
  return { value: ((phys & ~virt) | (vval & virt)) >>> 0, hw: (~virt & full) >>> 0 };
}

export const defaultWrite: WriteFn = (s, pos, count, perm, offset, val, t) => {
  const write = tableBits(perm.writeBits, offset, count);
  if (!write) return; // no writable bits: drop, without touching hardware
  const virt = tableBits(perm.virtBits, offset, count);
  const toVirt = (write & virt) >>> 0;
  const toHw = (write & ~virt) >>> 0;
  if (toVirt) {
    const v = readLE(s.vconfig, pos, count);
    writeLE(s.vconfig, pos, count, ((v & ~toVirt) | (val & toVirt)) >>> 0);
    t.toVconfig = (t.toVconfig | toVirt) >>> 0;
  }
  if (toHw) {
    const phys = s.hw.read(pos, count);
    hwWrite(s, pos, count, ((phys & ~toHw) | (val & toHw)) >>> 0, toHw, t);
  }
};

/** Hardware, with the capability header overlaid from vconfig (so hidden next pointers stay hidden). */
export function directRead(
  s: VfioState,
  pos: number,
  count: number,
  _perm: PermTable,
  offset: number,
): ChunkRead {
  let value = s.hw.read(pos, count);
  let hw = sizeMask(count);
  let fromV = 0;
  if (pos >= 256) {
    if (offset < 4) fromV = count;
  } else if (pos >= 64) {
    if (offset === 0 && count > 1) fromV = Math.min(2, count);
    else if (offset === 1) fromV = 1;
  }
  if (fromV) {
    const m = sizeMask(fromV);
    value = ((value & ~m) | (readLE(s.vconfig, pos, fromV) & m)) >>> 0;
    hw = (hw & ~m) >>> 0;
  }
  return { value, hw };
}

export const rawRead = (s: VfioState, pos: number, count: number): ChunkRead => ({
  value: s.hw.read(pos, count),
  hw: sizeMask(count),
});

export const rawWrite: WriteFn = (s, pos, count, _perm, _offset, val, t) => {
  hwWrite(s, pos, count, val, sizeMask(count), t);
};

export const virtRead = (s: VfioState, pos: number, count: number): ChunkRead => ({
  value: readLE(s.vconfig, pos, count),
  hw: 0,
});

export const virtWrite: WriteFn = (s, pos, count, _perm, _offset, val, t) => {
  writeLE(s.vconfig, pos, count, val);
  t.toVconfig = (t.toVconfig | sizeMask(count)) >>> 0;
};
