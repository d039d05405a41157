/** Vendor-specific (PCI_CAP_ID_VNDR, 0x09): the byte after the next pointer gives the length. */
import { reg, withMeaning, type CapabilityDef } from '../layout';
import { says, type MeaningContext } from '../meaning';
import { hexWord } from '../vocab';

export const PCI_CAP_ID_VNDR = 0x09;
export const PCI_CAP_FLAGS = 2;

/**
 * Red Hat's virtio functions (1af4:1000–107f) describe a BAR window in each vendor capability of 16 bytes
 * or more; lspci then prints "VirtIO: …" instead of the length (cap_vendor / cap_virtio in pciutils 3.9.0).
 */
function isVirtio(len: number, c: MeaningContext): boolean {
  const device = c.config(2, 2);
  return c.config(0, 2) === 0x1af4 && device >= 0x1000 && device <= 0x107f && len >= 16;
}
const LEN = says('Len', (v, c) => (isVirtio(v, c) ? undefined : `Len=${hexWord(v, 2)}`));

export const vendorSpecific: CapabilityDef = {
  id: PCI_CAP_ID_VNDR,
  macro: 'PCI_CAP_ID_VNDR',
  name: 'Vendor Specific Information',
  shortName: 'Vendor Specific',
  length: (v) => Math.max(3, v.u8(PCI_CAP_FLAGS)),
  registers: () => [withMeaning(reg('PCI_CAP_VNDR_LEN', PCI_CAP_FLAGS, 1, undefined, 'ro', 'Length'), LEN)],
};
