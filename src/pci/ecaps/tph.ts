/** TPH Requester (0x17): the steering-tag table may live in the capability itself. */
import { bit, reg, type CapabilityDef, type CapView } from '../layout';
import { named, says } from '../meaning';

/** lspci's sentence for each flag it reports only when set, and for the steering table's location. */
const supported = (text: string) =>
  says(text, (v) => (v ? text : `no ${text[0].toLowerCase()}${text.slice(1)}`));
const TABLE_LOCATION = named(undefined, [
  'No steering table available',
  'Steering table in TPH capability structure',
  'Steering table in MSI-X table',
  'Reserved steering table location',
]);

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
      bit('PCI_TPH_CAP_INT_VEC', 0x002, supported('Interrupt vector mode supported')),
      bit('PCI_TPH_CAP_DEV_SPEC', 0x004, supported('Device specific mode supported')),
      bit('PCI_TPH_CAP_EXT_TPH', 0x100, supported('Extended requester support')),
      bit('PCI_TPH_CAP_LOC_MASK', PCI_TPH_CAP_LOC_MASK, TABLE_LOCATION),
      bit(
        'PCI_TPH_CAP_ST_MASK',
        PCI_TPH_CAP_ST_MASK,
        says('ST table size', (v) => `${v + 1} steering table entries`),
      ),
    ]),
    reg('PCI_TPH_CTRL', 0x08, 4, undefined, 'rw'),
  ],
};
