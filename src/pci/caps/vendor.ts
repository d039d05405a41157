/** Vendor-specific (PCI_CAP_ID_VNDR, 0x09): the byte after the next pointer gives the length. */
import { reg, type CapabilityDef } from '../layout';

export const PCI_CAP_ID_VNDR = 0x09;
export const PCI_CAP_FLAGS = 2;

export const vendorSpecific: CapabilityDef = {
  id: PCI_CAP_ID_VNDR,
  macro: 'PCI_CAP_ID_VNDR',
  name: 'Vendor Specific Information',
  length: (v) => Math.max(3, v.u8(PCI_CAP_FLAGS)),
  registers: () => [reg('PCI_CAP_VNDR_LEN', PCI_CAP_FLAGS, 1, undefined, 'ro', 'Length')],
};
