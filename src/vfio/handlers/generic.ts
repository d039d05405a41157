/**
 * The generic handlers of vfio_pci_config.c: vfio_default_config_read/_write, vfio_direct_config_read,
 * vfio_raw_config_read/_write and vfio_virt_config_read/_write.
 */
import { readLE, sizeMask, writeLE } from '../../util/bytes';
import type { VfioState } from '../state';
import type { ReadFn, WriteFn, WriteTrace } from './types';

/** The `count` table bytes at `offset` (bytes past the table read as 0, as a zeroed allocation would). */
export function tableBits(bits: Uint8Array, offset: number, count: number): number {
  return readLE(bits, offset, count);
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

export const defaultRead: ReadFn = (s, pos, count, perm, offset, t) => {
  const full = sizeMask(count);
  const vval = readLE(s.vconfig, pos, count);
  const virt = tableBits(perm.virtBits, offset, count);
  if (virt === full) {
    t.hw = 0;
    return vval;
  }
  t.hw = (~virt & full) >>> 0;
  return ((s.hw.read(pos, count) & ~virt) | (vval & virt)) >>> 0;
};

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
export const directRead: ReadFn = (s, pos, count, _perm, offset, t) => {
  const value = s.hw.read(pos, count);
  let fromV = 0;
  if (pos >= 256) {
    if (offset < 4) fromV = count;
  } else if (pos >= 64) {
    if (offset === 0 && count > 1) fromV = Math.min(2, count);
    else if (offset === 1) fromV = 1;
  }
  if (!fromV) {
    t.hw = sizeMask(count);
    return value;
  }
  const m = sizeMask(fromV);
  t.hw = (sizeMask(count) & ~m) >>> 0;
  return ((value & ~m) | (readLE(s.vconfig, pos, fromV) & m)) >>> 0;
};

export const rawRead: ReadFn = (s, pos, count, _perm, _offset, t) => {
  t.hw = sizeMask(count);
  return s.hw.read(pos, count);
};

export const rawWrite: WriteFn = (s, pos, count, _perm, _offset, val, t) => {
  hwWrite(s, pos, count, val, sizeMask(count), t);
};

export const virtRead: ReadFn = (s, pos, count, _perm, _offset, t) => {
  t.hw = 0;
  return readLE(s.vconfig, pos, count);
};

export const virtWrite: WriteFn = (s, pos, count, _perm, _offset, val, t) => {
  writeLE(s.vconfig, pos, count, val);
  t.toVconfig = (t.toVconfig | sizeMask(count)) >>> 0;
};
