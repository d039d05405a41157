/**
 * Vendor-specific extended (0x0b) and designated vendor-specific (0x23): both carry their own length. A DVSEC's
 * header names its vendor and ID; CXL's bodies (cxl.ts) are chosen by them.
 */
import { bit, reg, type CapabilityDef } from '../layout';
import { says } from '../meaning';
import { hexWord } from '../vocab';
import { cxlDvsecBody } from './cxl';

export const PCI_EXT_CAP_ID_VNDR = 0x0b;
export const PCI_EXT_CAP_ID_DVSEC = 0x23;
export const PCI_VSEC_HDR = 4;
export const PCI_DVSEC_HEADER1 = 4;

const lengthField = (v: { u32(o: number): number }) => Math.max(8, (v.u32(4) >>> 20) & 0xfff);

export const vsec: CapabilityDef = {
  id: PCI_EXT_CAP_ID_VNDR,
  macro: 'PCI_EXT_CAP_ID_VNDR',
  name: 'Vendor Specific Information',
  shortName: 'Vendor Specific',
  length: lengthField,
  registers: () => [
    reg('PCI_VSEC_HDR', PCI_VSEC_HDR, 4, [
      bit(
        'PCI_VSEC_HDR_ID',
        0x0000ffff,
        says('ID', (v) => `ID=${hexWord(v, 4)}`),
      ),
      bit(
        'PCI_VSEC_HDR_REV',
        0x000f0000,
        says('Rev', (v) => `Rev=${v}`),
      ),
      bit(
        'PCI_VSEC_HDR_LEN',
        0xfff00000,
        says('Len', (v) => `Len=${hexWord(v, 3)}`),
      ),
    ]),
  ],
};

export const dvsec: CapabilityDef = {
  id: PCI_EXT_CAP_ID_DVSEC,
  macro: 'PCI_EXT_CAP_ID_DVSEC',
  name: 'Designated Vendor-Specific',
  length: (v) => Math.max(10, (v.u32(4) >>> 20) & 0xfff),
  registers: (v) => [
    reg('PCI_DVSEC_HEADER1', PCI_DVSEC_HEADER1, 4, [
      bit(
        'PCI_DVSEC_HEADER1_VID',
        0x0000ffff,
        says('Vendor', (v) => `Vendor=${hexWord(v, 4)}`),
      ),
      bit(
        'PCI_DVSEC_HEADER1_REV',
        0x000f0000,
        says('Rev', (v) => `Rev=${v}`),
      ),
      bit(
        'PCI_DVSEC_HEADER1_LEN',
        0xfff00000,
        says('Len', (v) => `Len=${v}`),
      ),
    ]),
    reg('PCI_DVSEC_HEADER2', 0x08, 2, [
      bit(
        'PCI_DVSEC_HEADER2_ID',
        0xffff,
        says('ID', (v) => `ID=${hexWord(v, 4)}`),
      ),
    ]),
    // The body: laid out for the CXL DVSECs lspci decodes (vendor 0x1e98); any other vendor's is opaque.
    ...cxlDvsecBody(v),
  ],
};
