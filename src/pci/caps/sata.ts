/**
 * Serial ATA (PCI_CAP_ID_SATA, 0x12): where the AHCI index/data pair lives. Meanings are the words of
 * pciutils 3.9.0's cap_sata_hba (ls-caps.c): "SATA HBA v1.0 BAR0 Offset=00000004" or "InCfgSpace".
 */
import { bit, reg, withMeaning, type CapabilityDef } from '../layout';
import { says } from '../meaning';
import { hexWord } from '../vocab';

export const PCI_CAP_ID_SATA = 0x12;
export const PCI_SATA_REGS = 4;
export const PCI_SATA_REGS_MASK = 0xf;
export const PCI_SATA_REGS_INLINE = 0xf;

const inline = (v: { u8(o: number): number }) =>
  (v.u8(PCI_SATA_REGS) & PCI_SATA_REGS_MASK) === PCI_SATA_REGS_INLINE;

const inBar = (regs: number) => (regs & PCI_SATA_REGS_MASK) >= 4 && (regs & PCI_SATA_REGS_MASK) <= 9;

/** Where the index/data pair lives: a BAR, inline in config space, or a reserved code. */
function sataRegisterBar(code: number): string {
  if (code === PCI_SATA_REGS_INLINE) return 'InCfgSpace';
  return code >= 4 && code <= 9 ? `BAR${code - 4}` : `BAR??${code}`;
}

export const sata: CapabilityDef = {
  id: PCI_CAP_ID_SATA,
  macro: 'PCI_CAP_ID_SATA',
  name: 'SATA HBA',
  length: (v) => (inline(v) ? 16 : 8),
  registers: () => [
    withMeaning(
      reg('PCI_SATA_REVISION', 2, 2, [bit('PCI_SATA_REV_MINOR', 0x000f), bit('PCI_SATA_REV_MAJOR', 0x00f0)]),
      says('SATA HBA', (v) => `SATA HBA v${(v >> 4) & 0xf}.${v & 0xf}`),
    ),
    reg('PCI_SATA_REGS', PCI_SATA_REGS, 4, [
      bit('PCI_SATA_REGS_MASK', 0x0000000f, says('BAR', sataRegisterBar)),
      // The offset counts only where a BAR holds the registers (codes 4–9 are BAR0–BAR5).
      bit(
        'PCI_SATA_REGS_OFFSET',
        0x00fffff0,
        says('Offset', (v, c) => (inBar(c.register) ? `Offset=${hexWord(v, 8)}` : undefined)),
      ),
    ]),
  ],
};
