/**
 * PCI-X (PCI_CAP_ID_PCIX, 0x07). Its layout depends on the function's header type, as lspci's cap_pcix
 * (pciutils 3.9.0 ls-caps.c) reads it: a type-0 function has the device form (command and status, 8 bytes in
 * version 0, 24 with ECC in version 1/2), a type-1 bridge the bridge form (secondary status, bridge status,
 * upstream and downstream split transaction control: 16 bytes). lspci decodes nothing for other header types,
 * so they keep the device registers without meanings. Bridge registers and bits pci_regs.h does not name
 * carry the names pciutils' lib/header.h gives them (PCI_PCIX_BRIDGE_*).
 */
import { PCI_HEADER_TYPE_BRIDGE } from '../header';
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { counted, equals, flag, says } from '../meaning';

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

/** The secondary bus clock lspci names from bits 8:6 of the secondary status (sec_clock_freq). */
const SECONDARY_CLOCK = ['conv', '66MHz', '100MHz', '133MHz', '?4', '?5', '?6', '?7'];

/** Split-completion flags both bridge status registers share, in lspci's words, at `shift` bits up. */
const splitFlags = (prefix: string, shift: number) => [
  bit(`${prefix}_SC_DISCARDED`, 0x04 << shift, 'rw1c', flag('SCD')),
  bit(`${prefix}_UNEXPECTED_SC`, 0x08 << shift, 'rw1c', flag('USC')),
  bit(`${prefix}_SC_OVERRUN`, 0x10 << shift, 'rw1c', flag('SCO')),
  bit(`${prefix}_SPLIT_REQUEST_DELAYED`, 0x20 << shift, 'rw1c', flag('SRD')),
];

/** Split transaction control: the buffer capacity and the commitment limit software sets, in ADQs. */
const splitControl = (name: string, at: number) =>
  reg(name, at, 4, [
    bit('PCI_PCIX_BRIDGE_STR_CAPACITY', 0x0000ffff, equals('Capacity')),
    bit('PCI_PCIX_BRIDGE_STR_COMMITMENT_LIMIT', 0xffff0000, 'rw', equals('CommitmentLimit')),
  ]);

const BRIDGE: RegDef[] = [
  reg('PCI_X_BRIDGE_SSTATUS', 2, 2, [
    bit('PCI_X_SSTATUS_64BIT', 0x0001, flag('64bit')),
    bit('PCI_X_SSTATUS_133MHZ', 0x0002, flag('133MHz')),
    ...splitFlags('PCI_PCIX_BRIDGE_SEC_STATUS', 0),
    // pci_regs.h's field is 4 bits (mode and frequency); lspci names the low three.
    bit(
      'PCI_X_SSTATUS_FREQ',
      0x03c0,
      says('Freq', (v) => `Freq=${SECONDARY_CLOCK[v & 7]}`),
    ),
    bit('PCI_X_SSTATUS_VERS', 0x3000),
    bit('PCI_X_SSTATUS_266MHZ', 0x4000),
    bit('PCI_X_SSTATUS_533MHZ', 0x8000),
  ]),
  reg('PCI_X_BRIDGE_STATUS', 4, 4, [
    bit('PCI_X_STATUS_DEVFN', 0x000000ff, DEV),
    bit('PCI_X_STATUS_BUS', 0x0000ff00, DEV),
    bit('PCI_X_STATUS_64BIT', 0x00010000, flag('64bit')),
    bit('PCI_X_STATUS_133MHZ', 0x00020000, flag('133MHz')),
    ...splitFlags('PCI_PCIX_BRIDGE_STATUS', 16),
  ]),
  splitControl('PCI_PCIX_BRIDGE_UPSTREAM_SPLIT_TRANS_CTRL', 8),
  splitControl('PCI_PCIX_BRIDGE_DOWNSTREAM_SPLIT_TRANS_CTRL', 12),
];
const PCI_PCIX_BRIDGE_SIZEOF = 16;

/** The device registers as they are, without lspci's words (for header types lspci does not decode). */
const unread = (regs: RegDef[]): RegDef[] =>
  regs.map(({ meaning: _, ...r }) => ({ ...r, bits: r.bits?.map(({ meaning: __, ...b }) => b) }));

/** The layout for each header type cap_pcix decodes; any other takes the device registers unread. */
const BY_HEADER_TYPE: Readonly<Record<number, { v0: RegDef[]; v2: RegDef[] }>> = {
  0: { v0: V0, v2: V2 },
  [PCI_HEADER_TYPE_BRIDGE]: { v0: BRIDGE, v2: BRIDGE },
};
const OTHER_HEADER = { v0: unread(V0), v2: unread(V2) };

const isBridge = (v: CapView) => v.headerType === PCI_HEADER_TYPE_BRIDGE;

export const pcix: CapabilityDef = {
  id: PCI_CAP_ID_PCIX,
  macro: 'PCI_CAP_ID_PCIX',
  name: 'PCI-X',
  length: (v) => (isBridge(v) ? PCI_PCIX_BRIDGE_SIZEOF : pcixVersion(v.u16(PCI_X_CMD)) ? 24 : 8),
  registers: (v) => {
    const layouts = BY_HEADER_TYPE[v.headerType ?? 0] ?? OTHER_HEADER;
    return pcixVersion(v.u16(PCI_X_CMD)) ? layouts.v2 : layouts.v0;
  },
};
