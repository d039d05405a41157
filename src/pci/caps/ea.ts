/** Enhanced Allocation (PCI_CAP_ID_EA, 0x14): fixed BAR-like entries; each entry's size is in its header. */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';

export const PCI_CAP_ID_EA = 0x14;
const PCI_EA_NUM_ENT = 2;
const PCI_EA_NUM_ENT_MASK = 0x3f;
const PCI_EA_ES = 0x7;

/** Walk the entries; each is (ES + 1) dwords. Stops at 0x100 bytes so a corrupt count cannot run away. */
function entries(v: CapView): { offset: number; dwords: number }[] {
  const out: { offset: number; dwords: number }[] = [];
  let off = 4;
  const n = v.u8(PCI_EA_NUM_ENT) & PCI_EA_NUM_ENT_MASK;
  for (let i = 0; i < n && off < 0xc0; i++) {
    const dwords = (v.u32(off) & PCI_EA_ES) + 1;
    out.push({ offset: off, dwords });
    off += dwords * 4;
  }
  return out;
}

export const ea: CapabilityDef = {
  id: PCI_CAP_ID_EA,
  macro: 'PCI_CAP_ID_EA',
  name: 'Enhanced Allocation (EA)',
  length: (v) => entries(v).reduce((len, e) => len + e.dwords * 4, 4),
  registers: (v) => {
    const regs: RegDef[] = [
      reg('PCI_EA_NUM_ENT', PCI_EA_NUM_ENT, 1, [bit('PCI_EA_NUM_ENT_MASK', PCI_EA_NUM_ENT_MASK)]),
    ];
    entries(v).forEach((e, i) => {
      regs.push(
        reg(`PCI_EA_ENTRY${i}`, e.offset, 4, [
          bit('PCI_EA_ES', PCI_EA_ES),
          bit('PCI_EA_BEI', 0xf0),
          bit('PCI_EA_PP', 0xff00),
          bit('PCI_EA_SP', 0xff0000),
          bit('PCI_EA_WRITABLE', 0x40000000),
          bit('PCI_EA_ENABLE', 0x80000000, 'rw'),
        ]),
      );
    });
    return regs;
  },
};
