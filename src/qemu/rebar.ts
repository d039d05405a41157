/**
 * vfio_setup_rebar_ecap (hw/vfio/pci.c, QEMU 8.1+): a Resizable BAR capability is shown read-only with
 * exactly one supported size, the current one. Resizing would need new host resources the guest cannot
 * be refused, and writing a size CAP does not advertise is undefined, so the field is effectively RO.
 */
import { readLE } from '../util/bytes';
import type { QemuRules } from './version';

/** Names as QEMU's linux/pci_regs.h spells them (the BAR Size field is 5 bits there). */
export const PCI_REBAR_CAP = 0x04;
export const PCI_REBAR_CTRL = 0x08;
export const PCI_REBAR_CTRL_BAR_IDX = 0x00000007;
export const PCI_REBAR_CTRL_NBAR_MASK = 0x000000e0;
export const PCI_REBAR_CTRL_BAR_SIZE = 0x00001f00;
const PCI_REBAR_CTRL_NBAR_SHIFT = 5;
const PCI_REBAR_CTRL_BAR_SHIFT = 8;
/** CAP bits 31:4 name 1 MB … 128 TB; a size field above 27 has no bit. */
const REBAR_CAP_LARGEST_SIZE = 27;

export interface RebarTarget {
  readonly copy: Uint8Array;
  emulate(offset: number, size: 4, value: number, mask: number, why: string): void;
}

/**
 * Emulate CAP and CTRL of each BAR entry in turn; false (the caller hides the capability) at the first
 * entry whose current size CAP cannot express under the release's PCI_REBAR_CAP_SIZES. Entries before
 * that one stay emulated, as in QEMU, which returns -EINVAL mid-loop.
 */
export function setupRebar(q: RebarTarget, pos: number, rules: QemuRules): boolean {
  const first = readLE(q.copy, pos + PCI_REBAR_CTRL, 4);
  const nbar = (first & PCI_REBAR_CTRL_NBAR_MASK) >>> PCI_REBAR_CTRL_NBAR_SHIFT;
  for (let i = 0; i < nbar; i++) {
    const ctrl = readLE(q.copy, pos + PCI_REBAR_CTRL + 8 * i, 4);
    const size = (ctrl & PCI_REBAR_CTRL_BAR_SIZE) >>> PCI_REBAR_CTRL_BAR_SHIFT;
    const cap = size <= REBAR_CAP_LARGEST_SIZE ? (1 << (size + 4)) >>> 0 : 0;
    if (!(cap & rules.rebarCapSizes)) return false;
    const kept = ctrl & (PCI_REBAR_CTRL_BAR_SIZE | PCI_REBAR_CTRL_NBAR_MASK | PCI_REBAR_CTRL_BAR_IDX);
    const why = `vfio_setup_rebar_ecap (QEMU 8.1 and later; this is QEMU ${rules.version}): CAP advertises only the current size and CTRL keeps just size, NBAR and index, so the size is effectively read-only.`;
    q.emulate(pos + PCI_REBAR_CAP + 8 * i, 4, cap, 0xffffffff, why);
    q.emulate(pos + PCI_REBAR_CTRL + 8 * i, 4, kept, 0xffffffff, why);
  }
  return true;
}
