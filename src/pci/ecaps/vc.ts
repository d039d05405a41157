/**
 * Virtual channels: VC (0x02), VC9 (0x09, same layout) and multi-function VC (0x08). Meanings are the words
 * of pciutils 3.9.0's cap_vc (ls-ecaps.c), which decodes 0x02 and 0x09; for 0x08 lspci 3.9.0 prints only
 * "Multi-Function Virtual Channel <?>", and its port and per-VC registers read the same way.
 */
import { bit, reg, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { equals, flag, flagWhenSet, says, type Meaning } from '../meaning';
import { hexWord, tableName } from '../vocab';

const PCI_VC_PORT_CAP1 = 0x04;
const PCI_VC_PORT_CAP2 = 0x08;
const PCI_VC_CAP1_EVCC = 0x7;
const PCI_CAP_VC_BASE_SIZEOF = 0x10;
const PCI_CAP_VC_PER_VC_SIZEOF = 0x0c;

/** VC arbitration schemes (Port VC Capability 2 bits 7:0, Port VC Control's select): lspci's names. */
export const VC_ARBITRATION = ['Fixed', 'WRR32', 'WRR64', 'WRR128', '??4', '??5', '??6', '??7'];
/** Port arbitration schemes (VC Resource Capability bits 7:0, VC Resource Control's select). */
export const PORT_ARBITRATION = ['Fixed', 'WRR32', 'WRR64', 'WRR128', 'TWRR128', 'WRR256', '??6', '??7'];
/** The reference clock of the VC arbitration table (Port VC Capability 1 bits 9:8). */
export const VC_REF_CLOCKS = ['100ns'];

const pick = (names: readonly string[]) => (v: number) => tableName(names, v);

/**
 * One bit per arbitration scheme, as lspci's `Arb:` line lists them: named schemes always (`WRR32-`),
 * reserved ones (`??6`) only when set. `macros` names the bits pci_regs.h defines.
 */
function schemeBits(prefix: string, names: readonly string[], macros: Record<number, string>) {
  return names.map((name, i) => {
    const meaning: Meaning = name.startsWith('?') ? flagWhenSet(name) : flag(name);
    return bit(macros[i] ?? `${prefix}_ARB_${i}`, 1 << i, meaning);
  });
}

/** vfio_vc_cap_len(): 16 + 12 per VC resource, plus the VC arbitration table when phases are advertised. */
export function vcLength(v: CapView): number {
  const evcc = v.u32(PCI_VC_PORT_CAP1) & PCI_VC_CAP1_EVCC;
  const cap2 = v.u32(PCI_VC_PORT_CAP2);
  const phases = cap2 & 0x8 ? 128 : cap2 & 0x4 ? 64 : cap2 & 0x2 ? 32 : 0;
  let len = PCI_CAP_VC_BASE_SIZEOF + (1 + evcc) * PCI_CAP_VC_PER_VC_SIZEOF;
  if (phases) len = Math.ceil(len / 16) * 16 + (phases * 4) / 8;
  return len;
}

// Bits pci_regs.h leaves unnamed (hardware-fixed arbitration, the reference clock, the select fields that
// lspci prints) are named in its style: the register's prefix and the spec's field name.
const PORT_REGISTERS: RegDef[] = [
  reg('PCI_VC_PORT_CAP1', PCI_VC_PORT_CAP1, 4, [
    bit('PCI_VC_CAP1_EVCC', PCI_VC_CAP1_EVCC),
    bit('PCI_VC_CAP1_LPEVCC', 0x70, equals('LPEVC')),
    bit('PCI_VC_CAP1_REF_CLOCK', 0x300, equals('RefClk', pick(VC_REF_CLOCKS))),
    bit(
      'PCI_VC_CAP1_ARB_SIZE',
      0xc00,
      equals('PATEntryBits', (v) => String(1 << v)),
    ),
  ]),
  reg('PCI_VC_PORT_CAP2', PCI_VC_PORT_CAP2, 4, [
    ...schemeBits('PCI_VC_CAP2', VC_ARBITRATION, {
      0: 'PCI_VC_CAP2_HW_FIXED',
      1: 'PCI_VC_CAP2_32_PHASE',
      2: 'PCI_VC_CAP2_64_PHASE',
      3: 'PCI_VC_CAP2_128_PHASE',
    }),
    // lspci calls the VC arbitration table the "Port Arbitration Table" and prints its absolute position.
    bit(
      'PCI_VC_CAP2_ARB_OFF',
      0xff000000,
      says('Port Arbitration Table', (v, c) =>
        v ? `Port Arbitration Table [${(c.base + 16 * v).toString(16)}]` : undefined,
      ),
    ),
  ]),
  reg('PCI_VC_PORT_CTRL', 0x0c, 2, [
    bit('PCI_VC_PORT_CTRL_LOAD_TABLE', 0x1, 'rw'),
    bit('PCI_VC_PORT_CTRL_ARB_SELECT', 0xe, 'rw', equals('ArbSelect', pick(VC_ARBITRATION))),
  ]),
  reg('PCI_VC_PORT_STATUS', 0x0e, 2, [bit('PCI_VC_PORT_STATUS_TABLE', 0x1, flag('InProgress'))]),
];

/** One VC resource: its capability, control and status registers, `(i)` after each macro. */
function resourceRegisters(i: number): RegDef[] {
  const base = PCI_CAP_VC_BASE_SIZEOF + i * PCI_CAP_VC_PER_VC_SIZEOF;
  return [
    reg(`PCI_VC_RES_CAP(${i})`, base, 4, [
      ...schemeBits('PCI_VC_RES_CAP', PORT_ARBITRATION, {
        0: 'PCI_VC_RES_CAP_HW_FIXED',
        1: 'PCI_VC_RES_CAP_32_PHASE',
        2: 'PCI_VC_RES_CAP_64_PHASE',
        3: 'PCI_VC_RES_CAP_128_PHASE',
        4: 'PCI_VC_RES_CAP_128_PHASE_TB',
        5: 'PCI_VC_RES_CAP_256_PHASE',
      }),
      bit('PCI_VC_RES_CAP_REJ_SNOOP', 0x8000, flag('RejSnoopTrans')),
      bit(
        'PCI_VC_RES_CAP_MAX_TIME_SLOTS',
        0x7f0000,
        equals('MaxTimeSlots', (v) => String(v + 1)),
      ),
      bit(
        'PCI_VC_RES_CAP_ARB_OFF',
        0xff000000,
        equals('PATOffset', (v) => hexWord(v, 2)),
      ),
    ]),
    reg(`PCI_VC_RES_CTRL(${i})`, base + 4, 4, [
      bit(
        'PCI_VC_RES_CTRL_TC_MAP',
        0xff,
        'rw',
        equals('TC/VC', (v) => hexWord(v, 2)),
      ),
      bit('PCI_VC_RES_CTRL_LOAD_TABLE', 0x10000, 'rw'),
      bit('PCI_VC_RES_CTRL_ARB_SELECT', 0xe0000, 'rw', equals('ArbSelect', pick(PORT_ARBITRATION))),
      bit('PCI_VC_RES_CTRL_ID', 0x7000000, 'rw', equals('ID')),
      bit('PCI_VC_RES_CTRL_ENABLE', 0x80000000, 'rw', flag('Enable')),
    ]),
    reg(`PCI_VC_RES_STATUS(${i})`, base + 10, 2, [
      bit('PCI_VC_RES_STATUS_TABLE', 0x1, flag('InProgress')),
      bit('PCI_VC_RES_STATUS_NEGO', 0x2, flag('NegoPending')),
    ]),
  ];
}

function registers(v: CapView): RegDef[] {
  const evcc = v.u32(PCI_VC_PORT_CAP1) & PCI_VC_CAP1_EVCC;
  return [...PORT_REGISTERS, ...Array.from({ length: evcc + 1 }, (_, i) => resourceRegisters(i)).flat()];
}

const vcFamily = (id: number, macro: string, name: string): CapabilityDef => ({
  id,
  macro,
  name,
  length: vcLength,
  registers,
});

export const vc = vcFamily(0x02, 'PCI_EXT_CAP_ID_VC', 'Virtual Channel');
export const mfvc = vcFamily(0x08, 'PCI_EXT_CAP_ID_MFVC', 'Multi-Function Virtual Channel');
export const vc9 = vcFamily(0x09, 'PCI_EXT_CAP_ID_VC9', 'Virtual Channel');
