/** Error reporting and containment: AER (PCI_EXT_CAP_ID_ERR) and DPC (PCI_EXT_CAP_ID_DPC). */
import { bit, fixedCap, reg, type CapabilityDef, type BitDef } from '../layout';

export const PCI_EXT_CAP_ID_ERR = 0x01;
export const PCI_ERR_UNCOR_STATUS = 0x04;
export const PCI_ERR_UNCOR_MASK = 0x08;
export const PCI_ERR_UNCOR_SEVER = 0x0c;
export const PCI_ERR_COR_STATUS = 0x10;
export const PCI_ERR_COR_MASK = 0x14;
export const PCI_ERR_CAP = 0x18;
export const PCI_ERR_ROOT_COMMAND = 0x2c;

const UNC: [string, number][] = [
  ['PCI_ERR_UNC_UND', 0x00000001],
  ['PCI_ERR_UNC_DLP', 0x00000010],
  ['PCI_ERR_UNC_SURPDN', 0x00000020],
  ['PCI_ERR_UNC_POISON_TLP', 0x00001000],
  ['PCI_ERR_UNC_FCP', 0x00002000],
  ['PCI_ERR_UNC_COMP_TIME', 0x00004000],
  ['PCI_ERR_UNC_COMP_ABORT', 0x00008000],
  ['PCI_ERR_UNC_UNX_COMP', 0x00010000],
  ['PCI_ERR_UNC_RX_OVER', 0x00020000],
  ['PCI_ERR_UNC_MALF_TLP', 0x00040000],
  ['PCI_ERR_UNC_ECRC', 0x00080000],
  ['PCI_ERR_UNC_UNSUP', 0x00100000],
  ['PCI_ERR_UNC_ACSV', 0x00200000],
  ['PCI_ERR_UNC_INTN', 0x00400000],
  ['PCI_ERR_UNC_MCBTLP', 0x00800000],
  ['PCI_ERR_UNC_ATOMEG', 0x01000000],
  ['PCI_ERR_UNC_TLPPRE', 0x02000000],
];
const COR: [string, number][] = [
  ['PCI_ERR_COR_RCVR', 0x00000001],
  ['PCI_ERR_COR_BAD_TLP', 0x00000040],
  ['PCI_ERR_COR_BAD_DLLP', 0x00000080],
  ['PCI_ERR_COR_REP_ROLL', 0x00000100],
  ['PCI_ERR_COR_REP_TIMER', 0x00001000],
  ['PCI_ERR_COR_ADV_NFAT', 0x00002000],
  ['PCI_ERR_COR_INTERNAL', 0x00004000],
  ['PCI_ERR_COR_LOG_OVER', 0x00008000],
];
const bits = (list: [string, number][], access: 'rw' | 'rw1c'): BitDef[] =>
  list.map(([n, m]) => bit(n, m, access));

export const aer = fixedCap(PCI_EXT_CAP_ID_ERR, 'PCI_EXT_CAP_ID_ERR', 'Advanced Error Reporting', 0x48, [
  reg('PCI_ERR_UNCOR_STATUS', PCI_ERR_UNCOR_STATUS, 4, bits(UNC, 'rw1c')),
  reg('PCI_ERR_UNCOR_MASK', PCI_ERR_UNCOR_MASK, 4, bits(UNC, 'rw')),
  reg('PCI_ERR_UNCOR_SEVER', PCI_ERR_UNCOR_SEVER, 4, bits(UNC, 'rw')),
  reg('PCI_ERR_COR_STATUS', PCI_ERR_COR_STATUS, 4, bits(COR, 'rw1c')),
  reg('PCI_ERR_COR_MASK', PCI_ERR_COR_MASK, 4, bits(COR, 'rw')),
  reg('PCI_ERR_CAP', PCI_ERR_CAP, 4, [
    bit('PCI_ERR_CAP_FEP', 0x0000001f),
    bit('PCI_ERR_CAP_ECRC_GENC', 0x00000020),
    bit('PCI_ERR_CAP_ECRC_GENE', 0x00000040, 'rw'),
    bit('PCI_ERR_CAP_ECRC_CHKC', 0x00000080),
    bit('PCI_ERR_CAP_ECRC_CHKE', 0x00000100, 'rw'),
  ]),
  reg('PCI_ERR_HEADER_LOG', 0x1c, 4),
  reg('PCI_ERR_HEADER_LOG1', 0x20, 4),
  reg('PCI_ERR_HEADER_LOG2', 0x24, 4),
  reg('PCI_ERR_HEADER_LOG3', 0x28, 4),
  reg('PCI_ERR_ROOT_COMMAND', PCI_ERR_ROOT_COMMAND, 4, undefined, 'rw'),
  reg('PCI_ERR_ROOT_STATUS', 0x30, 4, undefined, 'rw1c'),
  reg('PCI_ERR_ROOT_ERR_SRC', 0x34, 4),
  reg('PCI_ERR_PREFIX_LOG', 0x38, 4),
]);

const PCI_EXP_DPC_CAP_RP_EXT = 0x0020;

export const dpc: CapabilityDef = {
  id: 0x1d,
  macro: 'PCI_EXT_CAP_ID_DPC',
  name: 'Downstream Port Containment',
  length: (v) => (v.u16(4) & PCI_EXP_DPC_CAP_RP_EXT ? 0x5c : 0x0c),
  registers: () => [
    reg('PCI_EXP_DPC_CAP', 0x04, 2, [
      bit('PCI_EXP_DPC_IRQ', 0x001f),
      bit('PCI_EXP_DPC_CAP_RP_EXT', PCI_EXP_DPC_CAP_RP_EXT),
    ]),
    reg('PCI_EXP_DPC_CTL', 0x06, 2, undefined, 'rw'),
    reg('PCI_EXP_DPC_STATUS', 0x08, 2, undefined, 'rw1c'),
    reg('PCI_EXP_DPC_SOURCE_ID', 0x0a, 2),
  ],
};
