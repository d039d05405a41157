/** vfio_msi_config_read/_write: MSI flags gating (ENABLE follows the host IRQ type, QSIZE clamps to msi_qmax). */
import { readLE, writeLE } from '../../util/bytes';
import {
  PCI_MSI_FLAGS,
  PCI_MSI_FLAGS_ENABLE,
  PCI_MSI_FLAGS_QMASK,
  PCI_MSI_FLAGS_QSIZE,
} from '../../pci/caps/msi';
import { findCapStart } from '../map';
import { note } from '../state';
import { defaultRead, defaultWrite } from './generic';
import type { ReadFn, WriteFn } from './types';

const touchesFlags = (offset: number, count: number) =>
  offset <= PCI_MSI_FLAGS && offset + count >= PCI_MSI_FLAGS;

export const msiRead: ReadFn = (s, pos, count, perm, offset, t) => {
  if (touchesFlags(offset, count)) {
    // The kernel means to refresh QMASK from msi_qmax but edits the word at the capability's start (ID and
    // next), not the flags at +2. The ID byte reads from hardware, so nothing visible changes.
    const start = findCapStart(s, pos);
    const w = readLE(s.vconfig, start, 2);
    writeLE(s.vconfig, start, 2, (w & ~PCI_MSI_FLAGS_QMASK) | (s.msiQmax << 1));
  }
  return defaultRead(s, pos, count, perm, offset, t);
};

export const msiWrite: WriteFn = (s, pos, count, perm, offset, val, t) => {
  defaultWrite(s, pos, count, perm, offset, val, t);
  if (!touchesFlags(offset, count)) return;
  const start = findCapStart(s, pos);
  let flags = readLE(s.vconfig, start + PCI_MSI_FLAGS, 2);
  const asked = flags;
  if (s.irqType !== 'msi') flags &= ~PCI_MSI_FLAGS_ENABLE; // MSI is enabled through SET_IRQS only
  if ((flags & PCI_MSI_FLAGS_QSIZE) >> 4 > s.msiQmax)
    flags = (flags & ~PCI_MSI_FLAGS_QSIZE) | (s.msiQmax << 4);
  writeLE(s.vconfig, start + PCI_MSI_FLAGS, 2, flags);
  // The whole flags word, high byte included as vconfig holds it, goes to the device.
  const ignored = s.hw.write(start + PCI_MSI_FLAGS, 2, flags);
  const lo = Math.max(pos, start + PCI_MSI_FLAGS);
  const hi = Math.min(pos + count, start + PCI_MSI_FLAGS + 2);
  for (let b = lo; b < hi; b++) {
    t.toHardware = (t.toHardware | (0xff << (8 * (b - pos)))) >>> 0;
    t.ignoredByHardware =
      (t.ignoredByHardware |
        (((ignored >>> (8 * (b - start - PCI_MSI_FLAGS))) & 0xff) << (8 * (b - pos)))) >>>
      0;
  }
  note(
    s,
    'msi_flags_fixup',
    'vfio_msi_config_write',
    `flags 0x${flags.toString(16).padStart(4, '0')} written to the device${flags !== asked ? ` (asked 0x${asked.toString(16).padStart(4, '0')}: ENABLE gated on SET_IRQS, QSIZE clamped to msi_qmax ${s.msiQmax})` : ''}`,
  );
};
