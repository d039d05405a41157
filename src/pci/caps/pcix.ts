/** PCI-X (PCI_CAP_ID_PCIX, 0x07): 8 bytes in version 0, 24 with ECC (version 1/2). */
import { bit, reg, type CapabilityDef, type RegDef } from '../layout';
import { counted, flag, says } from '../meaning';

export const PCI_CAP_ID_PCIX = 0x07;
export const PCI_X_CMD = 2;
export const PCI_X_ECC_CSR = 8;

/** PCI_X_CMD_VERSION(): bits 13:12 of the command register. */
export const pcixVersion = (cmd: number): number => (cmd >> 12) & 3;

/** Maximum outstanding split transactions, by their 3-bit code. */
const OUTSTANDING = [1, 2, 3, 4, 8, 12, 16, 32];
/** "Dev=02:00.0": the bus and devfn the function captured from its last configuration write. */
const DEV = says('Dev', (_v, c) => {
  const hex2 = (n: number) => n.toString(16).padStart(2, '0');
  return `Dev=${hex2((c.register >> 8) & 0xff)}:${hex2((c.register >> 3) & 0x1f)}.${c.register & 7}`;
});

const V0: RegDef[] = [
  reg('PCI_X_CMD', PCI_X_CMD, 2, [
    bit('PCI_X_CMD_DPERR_E', 0x0001, 'rw', flag('DPERE')),
    bit('PCI_X_CMD_ERO', 0x0002, 'rw', flag('ERO')),
    bit(
      'PCI_X_CMD_READ_MASK',
      0x000c,
      'rw',
      says('RBC', (v) => `RBC=${512 << v}`),
    ),
    bit(
      'PCI_X_CMD_SPLIT_MASK',
      0x0070,
      'rw',
      says('OST', (v) => `OST=${OUTSTANDING[v]}`),
    ),
    bit('PCI_X_CMD_VERSION', 0x3000, counted('version')),
  ]),
  reg('PCI_X_STATUS', 4, 4, [
    bit('PCI_X_STATUS_DEVFN', 0x000000ff, DEV),
    bit('PCI_X_STATUS_BUS', 0x0000ff00, DEV),
    bit('PCI_X_STATUS_64BIT', 0x00010000, flag('64bit')),
    bit('PCI_X_STATUS_133MHZ', 0x00020000, flag('133MHz')),
    bit('PCI_X_STATUS_SPL_DISC', 0x00040000, 'rw1c', flag('SCD')),
    bit('PCI_X_STATUS_UNX_SPL', 0x00080000, 'rw1c', flag('USC')),
    bit(
      'PCI_X_STATUS_COMPLEX',
      0x00100000,
      says('DC', (v) => `DC=${v ? 'bridge' : 'simple'}`),
    ),
    bit(
      'PCI_X_STATUS_MAX_READ',
      0x00600000,
      says('DMMRBC', (v) => `DMMRBC=${512 << v}`),
    ),
    bit(
      'PCI_X_STATUS_MAX_SPLIT',
      0x03800000,
      says('DMOST', (v) => `DMOST=${OUTSTANDING[v]}`),
    ),
    bit(
      'PCI_X_STATUS_MAX_CUM',
      0x1c000000,
      says('DMCRS', (v) => `DMCRS=${8 << v}`),
    ),
    bit('PCI_X_STATUS_SPL_ERR', 0x20000000, 'rw1c', flag('RSCEM')),
    bit('PCI_X_STATUS_266MHZ', 0x40000000, flag('266MHz')),
    bit('PCI_X_STATUS_533MHZ', 0x80000000, flag('533MHz')),
  ]),
];
const V2: RegDef[] = [
  ...V0,
  reg('PCI_X_ECC_CSR', PCI_X_ECC_CSR, 4, undefined, 'rw'),
  reg('PCI_X_ECC_FIRST_ADDR', 0x0c, 4),
  reg('PCI_X_ECC_SECOND_ADDR', 0x10, 4),
  reg('PCI_X_ECC_ATTR', 0x14, 4),
];

export const pcix: CapabilityDef = {
  id: PCI_CAP_ID_PCIX,
  macro: 'PCI_CAP_ID_PCIX',
  name: 'PCI-X',
  length: (v) => (pcixVersion(v.u16(PCI_X_CMD)) ? 24 : 8),
  registers: (v) => (pcixVersion(v.u16(PCI_X_CMD)) ? V2 : V0),
};
