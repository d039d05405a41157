/** Serial ATA (PCI_CAP_ID_SATA, 0x12): where the AHCI index/data pair lives. */
import { bit, reg, type CapabilityDef } from '../layout';

export const PCI_CAP_ID_SATA = 0x12;
export const PCI_SATA_REGS = 4;
export const PCI_SATA_REGS_MASK = 0xf;
export const PCI_SATA_REGS_INLINE = 0xf;

const inline = (v: { u8(o: number): number }) =>
  (v.u8(PCI_SATA_REGS) & PCI_SATA_REGS_MASK) === PCI_SATA_REGS_INLINE;

export const sata: CapabilityDef = {
  id: PCI_CAP_ID_SATA,
  macro: 'PCI_CAP_ID_SATA',
  name: 'SATA HBA',
  length: (v) => (inline(v) ? 16 : 8),
  registers: () => [
    reg('PCI_SATA_REVISION', 2, 2, [bit('PCI_SATA_REV_MINOR', 0x000f), bit('PCI_SATA_REV_MAJOR', 0x00f0)]),
    reg('PCI_SATA_REGS', PCI_SATA_REGS, 4, [
      bit('PCI_SATA_REGS_MASK', 0x0000000f),
      bit('PCI_SATA_REGS_OFFSET', 0x00fffff0),
    ]),
  ],
};
