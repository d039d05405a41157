/**
 * AGP's registers (PCI_CAP_ID_AGP 0x02; AGP 3.0's 0x0e has the same layout) read in the words of
 * pciutils 3.9.0's cap_agp (ls-caps.c). Fields pci_regs.h leaves unnamed carry the names pciutils'
 * lib/header.h gives them (ISOCH, ARQSZ, CAL, ITA_COH, GART64, HTRANS, AGP3).
 */
import { bit, reg, withMeaning, type BitDef, type RegDef } from '../layout';
import { equals, flag, says, type MeaningContext } from '../meaning';

const PCI_AGP_VERSION = 2;
const PCI_AGP_STATUS = 4;
const PCI_AGP_COMMAND = 8;
const PCI_AGP_STATUS_AGP3 = 0x8;

/** AGP 3.0 mode (version ≥ 3 and the status register's AGP3 bit) counts rates from x4. */
function agp3Mode(c: MeaningContext): boolean {
  return c.at(PCI_AGP_VERSION, 1) >> 4 >= 3 && (c.at(PCI_AGP_STATUS, 4) & PCI_AGP_STATUS_AGP3) !== 0;
}

/** "Rate=x1,x4" from the three rate bits; "<none>" when none is set. */
const RATE = says('Rate', (v, c) => {
  const shift = agp3Mode(c) ? 2 : 0;
  const rates = [0, 1, 2].filter((i) => v & (1 << i)).map((i) => `x${1 << (i + shift)}`);
  return `Rate=${rates.length ? rates.join(',') : '<none>'}`;
});

/** The fields both registers share: request queue depth, sizes, sideband, 64-bit, fast writes, rate. */
const common = (prefix: string): BitDef[] => [
  bit(
    `${prefix}_RQ_MASK`,
    0xff000000,
    equals('RQ', (v) => String(v + 1)),
  ),
  bit(`${prefix}_ARQSZ_MASK`, 0xe000, equals('ArqSz')),
  bit(`${prefix}_CAL_MASK`, 0x1c00, equals('Cal')),
  bit(`${prefix}_SBA`, 0x0200, flag('SBA')),
  bit(`${prefix}_GART64`, 0x0080, flag('GART64')),
  bit(`${prefix}_64BIT`, 0x0020, flag('64bit')),
  bit(`${prefix}_FW`, 0x0010, flag('FW')),
  bit(`${prefix}_RATE`, 0x0007, RATE),
];

export const AGP_REGISTERS: RegDef[] = [
  withMeaning(
    reg('PCI_AGP_VERSION', PCI_AGP_VERSION, 1),
    says('AGP version', (v) => `AGP version ${(v >> 4).toString(16)}.${(v & 0xf).toString(16)}`),
  ),
  reg('PCI_AGP_STATUS', PCI_AGP_STATUS, 4, [
    ...common('PCI_AGP_STATUS'),
    bit('PCI_AGP_STATUS_ISOCH', 0x10000, flag('Iso')),
    bit('PCI_AGP_STATUS_ITA_COH', 0x0100, flag('ITACoh')),
    bit('PCI_AGP_STATUS_HTRANS', 0x0040, flag('HTrans')),
    bit('PCI_AGP_STATUS_AGP3', PCI_AGP_STATUS_AGP3, flag('AGP3')),
  ]),
  reg(
    'PCI_AGP_COMMAND',
    PCI_AGP_COMMAND,
    4,
    [...common('PCI_AGP_COMMAND'), bit('PCI_AGP_COMMAND_AGP', 0x0100, flag('AGP'))].map((b) => ({
      ...b,
      access: 'rw' as const,
    })),
  ),
];
