/** The 64-byte configuration header, types 0 (endpoint), 1 (PCI-PCI bridge) and 2 (CardBus bridge). */
import { bit, reg, type RegDef } from './layout';

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

const COMMAND_BITS = [
  bit('PCI_COMMAND_IO', 0x1, 'rw'),
  bit('PCI_COMMAND_MEMORY', 0x2, 'rw'),
  bit('PCI_COMMAND_MASTER', 0x4, 'rw'),
  bit('PCI_COMMAND_SPECIAL', 0x8),
  bit('PCI_COMMAND_INVALIDATE', 0x10),
  bit('PCI_COMMAND_VGA_PALETTE', 0x20),
  bit('PCI_COMMAND_PARITY', 0x40, 'rw'),
  bit('PCI_COMMAND_WAIT', 0x80),
  bit('PCI_COMMAND_SERR', 0x100, 'rw'),
  bit('PCI_COMMAND_FAST_BACK', 0x200),
  bit('PCI_COMMAND_INTX_DISABLE', 0x400, 'rw'),
];

const STATUS_BITS = [
  bit('PCI_STATUS_IMM_READY', 0x1),
  bit('PCI_STATUS_INTERRUPT', 0x8),
  bit('PCI_STATUS_CAP_LIST', 0x10),
  bit('PCI_STATUS_66MHZ', 0x20),
  bit('PCI_STATUS_UDF', 0x40),
  bit('PCI_STATUS_FAST_BACK', 0x80),
  bit('PCI_STATUS_PARITY', 0x100, 'rw1c'),
  bit('PCI_STATUS_DEVSEL_MASK', 0x600),
  bit('PCI_STATUS_SIG_TARGET_ABORT', 0x800, 'rw1c'),
  bit('PCI_STATUS_REC_TARGET_ABORT', 0x1000, 'rw1c'),
  bit('PCI_STATUS_REC_MASTER_ABORT', 0x2000, 'rw1c'),
  bit('PCI_STATUS_SIG_SYSTEM_ERROR', 0x4000, 'rw1c'),
  bit('PCI_STATUS_DETECTED_PARITY', 0x8000, 'rw1c'),
];

/** Registers every header type shares (0x00–0x0F). */
const COMMON: readonly RegDef[] = [
  reg('PCI_VENDOR_ID', 0x00, 2),
  reg('PCI_DEVICE_ID', 0x02, 2),
  reg('PCI_COMMAND', 0x04, 2, COMMAND_BITS),
  reg('PCI_STATUS', 0x06, 2, STATUS_BITS),
  reg('PCI_REVISION_ID', 0x08, 1),
  reg('PCI_CLASS_PROG', 0x09, 1),
  reg('PCI_CLASS_DEVICE', 0x0a, 2),
  reg('PCI_CACHE_LINE_SIZE', 0x0c, 1, undefined, 'rw'),
  reg('PCI_LATENCY_TIMER', 0x0d, 1, undefined, 'rw'),
  reg('PCI_HEADER_TYPE', 0x0e, 1, [bit('PCI_HEADER_TYPE_MASK', 0x7f), bit('PCI_HEADER_TYPE_MFD', 0x80)]),
  reg('PCI_BIST', 0x0f, 1, [
    bit('PCI_BIST_CODE_MASK', 0x0f),
    bit('PCI_BIST_START', 0x40, 'rw'),
    bit('PCI_BIST_CAPABLE', 0x80),
  ]),
];

/** A BAR's address bits are writable on hardware; the low type bits are not (sizing comes from `resources`). */
const bar = (name: string, offset: number) => reg(name, offset, 4, undefined, 'rw');

const INTERRUPT: readonly RegDef[] = [
  reg('PCI_INTERRUPT_LINE', 0x3c, 1, undefined, 'rw'),
  reg('PCI_INTERRUPT_PIN', 0x3d, 1),
];

export const TYPE0_HEADER: readonly RegDef[] = [
  ...COMMON,
  bar('PCI_BASE_ADDRESS_0', 0x10),
  bar('PCI_BASE_ADDRESS_1', 0x14),
  bar('PCI_BASE_ADDRESS_2', 0x18),
  bar('PCI_BASE_ADDRESS_3', 0x1c),
  bar('PCI_BASE_ADDRESS_4', 0x20),
  bar('PCI_BASE_ADDRESS_5', 0x24),
  reg('PCI_CARDBUS_CIS', 0x28, 4),
  reg('PCI_SUBSYSTEM_VENDOR_ID', 0x2c, 2),
  reg('PCI_SUBSYSTEM_ID', 0x2e, 2),
  reg('PCI_ROM_ADDRESS', 0x30, 4, [
    bit('PCI_ROM_ADDRESS_ENABLE', 0x1, 'rw'),
    bit('PCI_ROM_ADDRESS_MASK', 0xfffff800, 'rw'),
  ]),
  reg('PCI_CAPABILITY_LIST', 0x34, 1),
  ...INTERRUPT,
  reg('PCI_MIN_GNT', 0x3e, 1),
  reg('PCI_MAX_LAT', 0x3f, 1),
];

export const TYPE1_HEADER: readonly RegDef[] = [
  ...COMMON,
  bar('PCI_BASE_ADDRESS_0', 0x10),
  bar('PCI_BASE_ADDRESS_1', 0x14),
  reg('PCI_PRIMARY_BUS', 0x18, 1, undefined, 'rw'),
  reg('PCI_SECONDARY_BUS', 0x19, 1, undefined, 'rw'),
  reg('PCI_SUBORDINATE_BUS', 0x1a, 1, undefined, 'rw'),
  reg('PCI_SEC_LATENCY_TIMER', 0x1b, 1, undefined, 'rw'),
  reg('PCI_IO_BASE', 0x1c, 1, undefined, 'rw'),
  reg('PCI_IO_LIMIT', 0x1d, 1, undefined, 'rw'),
  reg('PCI_SEC_STATUS', 0x1e, 2, STATUS_BITS),
  reg('PCI_MEMORY_BASE', 0x20, 2, undefined, 'rw'),
  reg('PCI_MEMORY_LIMIT', 0x22, 2, undefined, 'rw'),
  reg('PCI_PREF_MEMORY_BASE', 0x24, 2, undefined, 'rw'),
  reg('PCI_PREF_MEMORY_LIMIT', 0x26, 2, undefined, 'rw'),
  reg('PCI_PREF_BASE_UPPER32', 0x28, 4, undefined, 'rw'),
  reg('PCI_PREF_LIMIT_UPPER32', 0x2c, 4, undefined, 'rw'),
  reg('PCI_IO_BASE_UPPER16', 0x30, 2, undefined, 'rw'),
  reg('PCI_IO_LIMIT_UPPER16', 0x32, 2, undefined, 'rw'),
  reg('PCI_CAPABILITY_LIST', 0x34, 1),
  reg('PCI_ROM_ADDRESS1', 0x38, 4, undefined, 'rw'),
  ...INTERRUPT,
  reg('PCI_BRIDGE_CONTROL', 0x3e, 2, undefined, 'rw'),
];

export const TYPE2_HEADER: readonly RegDef[] = [
  ...COMMON,
  reg('PCI_CB_SOCKET_BASE', 0x10, 4, undefined, 'rw'),
  reg('PCI_CB_CAPABILITY_LIST', 0x14, 1),
  reg('PCI_CB_SEC_STATUS', 0x16, 2, STATUS_BITS),
  reg('PCI_CB_PRIMARY_BUS', 0x18, 1, undefined, 'rw'),
  reg('PCI_CB_CARD_BUS', 0x19, 1, undefined, 'rw'),
  reg('PCI_CB_SUBORDINATE_BUS', 0x1a, 1, undefined, 'rw'),
  reg('PCI_CB_LATENCY_TIMER', 0x1b, 1, undefined, 'rw'),
  reg('PCI_CB_MEMORY_BASE_0', 0x1c, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_LIMIT_0', 0x20, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_BASE_1', 0x24, 4, undefined, 'rw'),
  reg('PCI_CB_MEMORY_LIMIT_1', 0x28, 4, undefined, 'rw'),
  reg('PCI_CB_IO_BASE_0', 0x2c, 4, undefined, 'rw'),
  reg('PCI_CB_IO_LIMIT_0', 0x30, 4, undefined, 'rw'),
  reg('PCI_CB_IO_BASE_1', 0x34, 4, undefined, 'rw'),
  reg('PCI_CB_IO_LIMIT_1', 0x38, 4, undefined, 'rw'),
  ...INTERRUPT,
  reg('PCI_CB_BRIDGE_CONTROL', 0x3e, 2, undefined, 'rw'),
  reg('PCI_CB_SUBSYSTEM_VENDOR_ID', 0x40, 2),
  reg('PCI_CB_SUBSYSTEM_ID', 0x42, 2),
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
