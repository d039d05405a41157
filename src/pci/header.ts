/** The 64-byte configuration header, types 0 (endpoint), 1 (PCI-PCI bridge) and 2 (CardBus bridge). */
import { bit, reg, withMeaning, type BitDef, type RegDef } from './layout';
import { counted, flag, named } from './meaning';
import {
  barRegion,
  busNumber,
  cacheLine,
  expansionRom,
  interruptPin,
  ioWindow,
  latencyTimer,
  memoryWindow,
  prefetchWindow,
  quarterMicroseconds,
} from './header-meaning';
import { DEVSEL, subsystemPair } from './vocab';

export const PCI_HEADER_TYPE_NORMAL = 0;
export const PCI_HEADER_TYPE_BRIDGE = 1;
export const PCI_HEADER_TYPE_CARDBUS = 2;

export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_STATUS = 0x06;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_BASE_ADDRESS_0 = 0x10;
export const PCI_BASE_ADDRESS_5 = 0x24;
export const PCI_CAPABILITY_LIST = 0x34;
export const PCI_CB_CAPABILITY_LIST = 0x14;
export const PCI_ROM_ADDRESS = 0x30;
export const PCI_INTERRUPT_LINE = 0x3c;
export const PCI_INTERRUPT_PIN = 0x3d;

export const PCI_COMMAND_IO = 0x1;
export const PCI_COMMAND_MEMORY = 0x2;
export const PCI_COMMAND_INTX_DISABLE = 0x400;
export const PCI_STATUS_CAP_LIST = 0x10;

// lspci's words for each flag: the `Control:` and `Status:` lines of `lspci -vvv`.
const COMMAND_BITS = [
  bit('PCI_COMMAND_IO', 0x1, 'rw', flag('I/O')),
  bit('PCI_COMMAND_MEMORY', 0x2, 'rw', flag('Mem')),
  bit('PCI_COMMAND_MASTER', 0x4, 'rw', flag('BusMaster')),
  bit('PCI_COMMAND_SPECIAL', 0x8, flag('SpecCycle')),
  bit('PCI_COMMAND_INVALIDATE', 0x10, flag('MemWINV')),
  bit('PCI_COMMAND_VGA_PALETTE', 0x20, flag('VGASnoop')),
  bit('PCI_COMMAND_PARITY', 0x40, 'rw', flag('ParErr')),
  bit('PCI_COMMAND_WAIT', 0x80, flag('Stepping')),
  bit('PCI_COMMAND_SERR', 0x100, 'rw', flag('SERR')),
  bit('PCI_COMMAND_FAST_BACK', 0x200, flag('FastB2B')),
  bit('PCI_COMMAND_INTX_DISABLE', 0x400, 'rw', flag('DisINTx')),
];

/** STATUS and a bridge's secondary status share a layout; bit 14 reads ">SERR" (signalled) on the
 * primary side and "<SERR" (received) on a bridge's secondary side. */
const statusBits = (serr: string): BitDef[] => [
  bit('PCI_STATUS_IMM_READY', 0x1, flag('ImmReady')),
  bit('PCI_STATUS_INTERRUPT', 0x8, flag('INTx')),
  bit('PCI_STATUS_CAP_LIST', 0x10, flag('Cap')),
  bit('PCI_STATUS_66MHZ', 0x20, flag('66MHz')),
  bit('PCI_STATUS_UDF', 0x40, flag('UDF')),
  bit('PCI_STATUS_FAST_BACK', 0x80, flag('FastB2B')),
  bit('PCI_STATUS_PARITY', 0x100, 'rw1c', flag('ParErr')),
  bit('PCI_STATUS_DEVSEL_MASK', 0x600, DEVSEL),
  bit('PCI_STATUS_SIG_TARGET_ABORT', 0x800, 'rw1c', flag('>TAbort')),
  bit('PCI_STATUS_REC_TARGET_ABORT', 0x1000, 'rw1c', flag('<TAbort')),
  bit('PCI_STATUS_REC_MASTER_ABORT', 0x2000, 'rw1c', flag('<MAbort')),
  bit('PCI_STATUS_SIG_SYSTEM_ERROR', 0x4000, 'rw1c', flag(serr)),
  bit('PCI_STATUS_DETECTED_PARITY', 0x8000, 'rw1c', flag('<PERR')),
];
const STATUS_BITS = statusBits('>SERR');
const SEC_STATUS_BITS = statusBits('<SERR');

/** Registers every header type shares (0x00–0x0F). */
const COMMON: readonly RegDef[] = [
  withMeaning(reg('PCI_VENDOR_ID', 0x00, 2), counted('Vendor', 16, 4)),
  withMeaning(reg('PCI_DEVICE_ID', 0x02, 2), counted('Device', 16, 4)),
  reg('PCI_COMMAND', 0x04, 2, COMMAND_BITS),
  reg('PCI_STATUS', 0x06, 2, STATUS_BITS),
  withMeaning(reg('PCI_REVISION_ID', 0x08, 1), counted('rev', 16, 2)),
  withMeaning(reg('PCI_CLASS_PROG', 0x09, 1), counted('prog-if', 16, 2)),
  withMeaning(reg('PCI_CLASS_DEVICE', 0x0a, 2), counted('Class', 16, 4)),
  withMeaning(reg('PCI_CACHE_LINE_SIZE', 0x0c, 1, undefined, 'rw'), cacheLine),
  withMeaning(reg('PCI_LATENCY_TIMER', 0x0d, 1, undefined, 'rw'), latencyTimer),
  reg('PCI_HEADER_TYPE', 0x0e, 1, [
    bit('PCI_HEADER_TYPE_MASK', 0x7f, named('Header type', ['Normal', 'PCI-PCI bridge', 'CardBus bridge'])),
    bit('PCI_HEADER_TYPE_MFD', 0x80, flag('Multi-function')),
  ]),
  reg('PCI_BIST', 0x0f, 1, [
    bit('PCI_BIST_CODE_MASK', 0x0f, counted('BIST result')),
    bit('PCI_BIST_START', 0x40, 'rw', flag('BIST start')),
    bit('PCI_BIST_CAPABLE', 0x80, flag('BIST')),
  ]),
];

/** A BAR's address bits are writable on hardware; the low type bits are not (sizing comes from `resources`). */
const bar = (index: number, count: number) =>
  withMeaning(
    reg(`PCI_BASE_ADDRESS_${index}`, 0x10 + 4 * index, 4, undefined, 'rw'),
    barRegion(index, count),
  );

const INTERRUPT: readonly RegDef[] = [
  withMeaning(reg('PCI_INTERRUPT_LINE', 0x3c, 1, undefined, 'rw'), counted('IRQ')),
  withMeaning(reg('PCI_INTERRUPT_PIN', 0x3d, 1), interruptPin),
];

export const TYPE0_HEADER: readonly RegDef[] = [
  ...COMMON,
  ...[0, 1, 2, 3, 4, 5].map((i) => bar(i, 6)),
  reg('PCI_CARDBUS_CIS', 0x28, 4),
  withMeaning(reg('PCI_SUBSYSTEM_VENDOR_ID', 0x2c, 2), subsystemPair(0x2c, 0x2e, true)),
  withMeaning(reg('PCI_SUBSYSTEM_ID', 0x2e, 2), subsystemPair(0x2c, 0x2e, true)),
  withMeaning(
    reg('PCI_ROM_ADDRESS', 0x30, 4, [
      bit('PCI_ROM_ADDRESS_ENABLE', 0x1, 'rw', flag('Enabled')),
      bit('PCI_ROM_ADDRESS_MASK', 0xfffff800, 'rw'),
    ]),
    expansionRom,
  ),
  reg('PCI_CAPABILITY_LIST', 0x34, 1),
  ...INTERRUPT,
  withMeaning(reg('PCI_MIN_GNT', 0x3e, 1), quarterMicroseconds('min')),
  withMeaning(reg('PCI_MAX_LAT', 0x3f, 1), quarterMicroseconds('max')),
];

/** `BridgeCtl:` of a PCI-PCI bridge (pci_regs.h PCI_BRIDGE_CTL_*). */
const BRIDGE_CONTROL_BITS = [
  bit('PCI_BRIDGE_CTL_PARITY', 0x01, 'rw', flag('Parity')),
  bit('PCI_BRIDGE_CTL_SERR', 0x02, 'rw', flag('SERR')),
  bit('PCI_BRIDGE_CTL_NO_ISA', 0x04, 'rw', flag('NoISA')),
  bit('PCI_BRIDGE_CTL_VGA', 0x08, 'rw', flag('VGA')),
  bit('PCI_BRIDGE_CTL_VGA_16BIT', 0x10, 'rw', flag('VGA16')),
  bit('PCI_BRIDGE_CTL_MASTER_ABORT', 0x20, 'rw', flag('MAbort')),
  bit('PCI_BRIDGE_CTL_BUS_RESET', 0x40, 'rw', flag('>Reset')),
  bit('PCI_BRIDGE_CTL_FAST_BACK', 0x80, 'rw', flag('FastB2B')),
  bit('PCI_BRIDGE_CTL_PRI_DISCARD_TIMER', 0x100, 'rw', flag('PriDiscTmr')),
  bit('PCI_BRIDGE_CTL_SEC_DISCARD_TIMER', 0x200, 'rw', flag('SecDiscTmr')),
  bit('PCI_BRIDGE_CTL_DISCARD_TIMER_STATUS', 0x400, 'rw1c', flag('DiscTmrStat')),
  bit('PCI_BRIDGE_CTL_DISCARD_TIMER_SERR_EN', 0x800, 'rw', flag('DiscTmrSERREn')),
];

/** `BridgeCtl:` of a CardBus bridge (PCI_CB_BRIDGE_CTL_*). */
const CB_BRIDGE_CONTROL_BITS = [
  bit('PCI_CB_BRIDGE_CTL_PARITY', 0x01, 'rw', flag('Parity')),
  bit('PCI_CB_BRIDGE_CTL_SERR', 0x02, 'rw', flag('SERR')),
  bit('PCI_CB_BRIDGE_CTL_ISA', 0x04, 'rw', flag('ISA')),
  bit('PCI_CB_BRIDGE_CTL_VGA', 0x08, 'rw', flag('VGA')),
  bit('PCI_CB_BRIDGE_CTL_MASTER_ABORT', 0x20, 'rw', flag('MAbort')),
  bit('PCI_CB_BRIDGE_CTL_CB_RESET', 0x40, 'rw', flag('>Reset')),
  bit('PCI_CB_BRIDGE_CTL_16BIT_INT', 0x80, 'rw', flag('16bInt')),
  bit('PCI_CB_BRIDGE_CTL_PREFETCH_MEM0', 0x100, 'rw', flag('Prefetch0')),
  bit('PCI_CB_BRIDGE_CTL_PREFETCH_MEM1', 0x200, 'rw', flag('Prefetch1')),
  bit('PCI_CB_BRIDGE_CTL_POST_WRITES', 0x400, 'rw', flag('PostWrite')),
];

export const TYPE1_HEADER: readonly RegDef[] = [
  ...COMMON,
  bar(0, 2),
  bar(1, 2),
  withMeaning(reg('PCI_PRIMARY_BUS', 0x18, 1, undefined, 'rw'), busNumber('primary')),
  withMeaning(reg('PCI_SECONDARY_BUS', 0x19, 1, undefined, 'rw'), busNumber('secondary')),
  withMeaning(reg('PCI_SUBORDINATE_BUS', 0x1a, 1, undefined, 'rw'), busNumber('subordinate')),
  withMeaning(reg('PCI_SEC_LATENCY_TIMER', 0x1b, 1, undefined, 'rw'), counted('sec-latency')),
  withMeaning(reg('PCI_IO_BASE', 0x1c, 1, undefined, 'rw'), ioWindow),
  withMeaning(reg('PCI_IO_LIMIT', 0x1d, 1, undefined, 'rw'), ioWindow),
  reg('PCI_SEC_STATUS', 0x1e, 2, SEC_STATUS_BITS),
  withMeaning(reg('PCI_MEMORY_BASE', 0x20, 2, undefined, 'rw'), memoryWindow),
  withMeaning(reg('PCI_MEMORY_LIMIT', 0x22, 2, undefined, 'rw'), memoryWindow),
  withMeaning(reg('PCI_PREF_MEMORY_BASE', 0x24, 2, undefined, 'rw'), prefetchWindow),
  withMeaning(reg('PCI_PREF_MEMORY_LIMIT', 0x26, 2, undefined, 'rw'), prefetchWindow),
  reg('PCI_PREF_BASE_UPPER32', 0x28, 4, undefined, 'rw'),
  reg('PCI_PREF_LIMIT_UPPER32', 0x2c, 4, undefined, 'rw'),
  reg('PCI_IO_BASE_UPPER16', 0x30, 2, undefined, 'rw'),
  reg('PCI_IO_LIMIT_UPPER16', 0x32, 2, undefined, 'rw'),
  reg('PCI_CAPABILITY_LIST', 0x34, 1),
  withMeaning(reg('PCI_ROM_ADDRESS1', 0x38, 4, undefined, 'rw'), expansionRom),
  ...INTERRUPT,
  reg('PCI_BRIDGE_CONTROL', 0x3e, 2, BRIDGE_CONTROL_BITS, 'rw'),
];

export const TYPE2_HEADER: readonly RegDef[] = [
  ...COMMON,
  withMeaning(reg('PCI_CB_SOCKET_BASE', 0x10, 4, undefined, 'rw'), barRegion(0, 1)),
  reg('PCI_CB_CAPABILITY_LIST', 0x14, 1),
  reg('PCI_CB_SEC_STATUS', 0x16, 2, SEC_STATUS_BITS),
  withMeaning(reg('PCI_CB_PRIMARY_BUS', 0x18, 1, undefined, 'rw'), busNumber('primary')),
  withMeaning(reg('PCI_CB_CARD_BUS', 0x19, 1, undefined, 'rw'), busNumber('secondary')),
  withMeaning(reg('PCI_CB_SUBORDINATE_BUS', 0x1a, 1, undefined, 'rw'), busNumber('subordinate')),
  withMeaning(reg('PCI_CB_LATENCY_TIMER', 0x1b, 1, undefined, 'rw'), counted('sec-latency')),
  reg('PCI_CB_MEMORY_BASE_0', 0x1c, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_LIMIT_0', 0x20, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_BASE_1', 0x24, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_LIMIT_1', 0x28, 4, undefined, 'rw'),
  reg('PCI_CB_IO_BASE_0', 0x2c, 4, undefined, 'rw'),
  reg('PCI_CB_IO_LIMIT_0', 0x30, 4, undefined, 'rw'),
  reg('PCI_CB_IO_BASE_1', 0x34, 4, undefined, 'rw'),
  reg('PCI_CB_IO_LIMIT_1', 0x38, 4, undefined, 'rw'),
  ...INTERRUPT,
  reg('PCI_CB_BRIDGE_CONTROL', 0x3e, 2, CB_BRIDGE_CONTROL_BITS, 'rw'),
  withMeaning(reg('PCI_CB_SUBSYSTEM_VENDOR_ID', 0x40, 2), subsystemPair(0x40, 0x42, true)),
  withMeaning(reg('PCI_CB_SUBSYSTEM_ID', 0x42, 2), subsystemPair(0x40, 0x42, true)),
  reg('PCI_CB_LEGACY_MODE_BASE', 0x44, 4, undefined, 'rw'),
];

export function headerLayout(type: number): readonly RegDef[] {
  if (type === PCI_HEADER_TYPE_BRIDGE) return TYPE1_HEADER;
  if (type === PCI_HEADER_TYPE_CARDBUS) return TYPE2_HEADER;
  return TYPE0_HEADER;
}

/** Where the standard capability pointer lives for a header type (CardBus keeps it at 0x14). */
export function capListOffset(type: number): number {
  return type === PCI_HEADER_TYPE_CARDBUS ? PCI_CB_CAPABILITY_LIST : PCI_CAPABILITY_LIST;
}

/**
 * BAR addresses as pciutils' library records them (pci_fill_info): a 64-bit pair is one address in the lower
 * slot, the upper slot 0; all-ones and zero read as none. `read32` reads config space; `count` is 6, 2 or 1
 * by header type.
 */
export function barAddresses(read32: (offset: number) => number, count: number): bigint[] {
  const addrs: bigint[] = Array.from({ length: 6 }, () => 0n);
  for (let i = 0; i < count; i++) {
    const x = read32(0x10 + 4 * i);
    if (!x || x === 0xffffffff) continue;
    if (x & 1 || (x & 6) !== 4) addrs[i] = BigInt(x);
    else if (i < count - 1) {
      addrs[i] = BigInt(x) | (BigInt(read32(0x10 + 4 * (i + 1))) << 32n);
      i++;
    }
  }
  return addrs;
}

/** lspci's device_has_memory_space_bar: any recorded BAR address that is not an I/O one. */
export function hasMemoryBar(read32: (offset: number) => number, headerType: number): boolean {
  const count = [6, 2, 1][headerType] ?? 0;
  return barAddresses(read32, count).some((a) => a !== 0n && (a & 1n) === 0n);
}
