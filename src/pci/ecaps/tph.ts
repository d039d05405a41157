/** TPH Requester (0x17): the steering-tag table may live in the capability itself. */
import { bit, reg, type CapabilityDef, type CapView } from '../layout';

const PCI_TPH_CAP = 0x04;
const PCI_TPH_CAP_LOC_MASK = 0x600;
const PCI_TPH_LOC_CAP = 0x200;
const PCI_TPH_CAP_ST_MASK = 0x07ff0000;

/** vfio_ext_cap_len(): 12, plus 2 bytes per table entry (entries = ST field + 1) when the table is in config space. */
export function tphLength(v: CapView): number {
  const cap = v.u32(PCI_TPH_CAP);
  if ((cap & PCI_TPH_CAP_LOC_MASK) !== PCI_TPH_LOC_CAP) return 12;
  return 12 + ((cap & PCI_TPH_CAP_ST_MASK) >>> 16) * 2 + 2;
}

export const tph: CapabilityDef = {
  id: 0x17,
  macro: 'PCI_EXT_CAP_ID_TPH',
  name: 'Transaction Processing Hints',
  length: tphLength,
  registers: () => [
    reg('PCI_TPH_CAP', PCI_TPH_CAP, 4, [
      bit('PCI_TPH_CAP_LOC_MASK', PCI_TPH_CAP_LOC_MASK),
      bit('PCI_TPH_CAP_ST_MASK', PCI_TPH_CAP_ST_MASK),
    ]),
    reg('PCI_TPH_CTRL', 0x08, 4, undefined, 'rw'),
  ],
};
