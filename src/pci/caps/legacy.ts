/**
 * Standard capabilities vfio-pci hides or never touches and lspci decodes only briefly: AGP, slot ID,
 * CompactPCI, HyperTransport, debug port, SHPC, bridge subsystem IDs, secure device, flattening portal
 * bridge. Each is named, placed and sized; fields are decoded where pci_regs.h names them.
 */
import { bit, fixedCap, reg, withMeaning } from '../layout';
import { equals, flag, says } from '../meaning';
import { hexWord, subsystemPair } from '../vocab';
import { AGP_REGISTERS } from './agp';

export { hyperTransport } from './ht';

export const agp = fixedCap(0x02, 'PCI_CAP_ID_AGP', 'AGP', 12, AGP_REGISTERS);

// "Slot ID: 2 slots, First+, chassis 05" (cap_slotid in pciutils 3.9.0).
export const slotId = fixedCap(0x04, 'PCI_CAP_ID_SLOTID', 'Slot ID', 4, [
  reg('PCI_SID_ESR', 2, 1, [
    bit(
      'PCI_SID_ESR_NSLOTS',
      0x1f,
      says('slots', (v) => `${v} slots`),
    ),
    bit('PCI_SID_ESR_FIC', 0x20, flag('First')),
  ]),
  withMeaning(
    reg('PCI_SID_CHASSIS_NR', 3, 1, undefined, 'rw'),
    says('chassis', (v) => `chassis ${hexWord(v, 2)}`),
  ),
]);

export const chswp = fixedCap(0x06, 'PCI_CAP_ID_CHSWP', 'CompactPCI hot-swap', 4, [
  reg('PCI_CHSWP_CSR', 2, 1, [
    bit('PCI_CHSWP_DHA', 0x01),
    bit('PCI_CHSWP_EIM', 0x02, 'rw'),
    bit('PCI_CHSWP_PIE', 0x04),
    bit('PCI_CHSWP_LOO', 0x08, 'rw'),
    bit('PCI_CHSWP_PI', 0x30),
    bit('PCI_CHSWP_EXT', 0x40, 'rw1c'),
    bit('PCI_CHSWP_INS', 0x80, 'rw1c'),
  ]),
]);

// "Debug port: BAR=1 offset=00a0" (cap_debug_port in pciutils 3.9.0).
export const debugPort = fixedCap(0x0a, 'PCI_CAP_ID_DBG', 'Debug port', 4, [
  reg('PCI_DBG_PORT', 2, 2, [
    bit('PCI_DBG_BAR', 0xe000, equals('BAR')),
    bit(
      'PCI_DBG_OFFSET',
      0x1fff,
      equals('offset', (v) => hexWord(v, 4)),
    ),
  ]),
]);

export const ccrc = fixedCap(0x0b, 'PCI_CAP_ID_CCRC', 'CompactPCI central resource control', 4, []);

export const shpc = fixedCap(0x0c, 'PCI_CAP_ID_SHPC', 'Hot-plug capable', 8, [
  reg('PCI_SHPC_DWORD_SELECT', 2, 1, undefined, 'rw'),
  reg('PCI_SHPC_PENDING', 3, 1),
  reg('PCI_SHPC_DWORD_DATA', 4, 4, undefined, 'rw'),
]);

export const ssvid = fixedCap(0x0d, 'PCI_CAP_ID_SSVID', 'Subsystem', 8, [
  withMeaning(reg('PCI_SSVID_VENDOR_ID', 4, 2), subsystemPair(4, 6, false)),
  withMeaning(reg('PCI_SSVID_DEVICE_ID', 6, 2), subsystemPair(4, 6, false)),
]);

// The AGP 3.0 layout; lspci 3.9.0 prints only "AGP3 <?>" for this ID, the registers read as AGP's do.
export const agp3 = fixedCap(0x0e, 'PCI_CAP_ID_AGP3', 'AGP3', 12, AGP_REGISTERS);

/** Secure device: AMD's IOMMU uses it; its body is an IOMMU register window. */
export const secureDevice = fixedCap(0x0f, 'PCI_CAP_ID_SECDEV', 'Secure device', 0x18, [
  reg('PCI_SECDEV_CAP', 2, 2),
  reg('PCI_SECDEV_BASE_LO', 4, 4),
  reg('PCI_SECDEV_BASE_HI', 8, 4),
  reg('PCI_SECDEV_RANGE', 0x0c, 4),
  reg('PCI_SECDEV_MISC', 0x10, 4),
]);

export const fpb = fixedCap(0x15, 'PCI_CAP_ID_FPB', 'Flattening Portal Bridge', 0x24, [
  reg('PCI_FPB_CAP', 4, 4),
  reg('PCI_FPB_RID_VECTOR_CTRL1', 8, 4, undefined, 'rw'),
  reg('PCI_FPB_RID_VECTOR_CTRL2', 0x0c, 4, undefined, 'rw'),
  reg('PCI_FPB_MEM_LOW_VECTOR_CTRL', 0x10, 4, undefined, 'rw'),
  reg('PCI_FPB_MEM_HIGH_VECTOR_CTRL1', 0x14, 4, undefined, 'rw'),
  reg('PCI_FPB_MEM_HIGH_VECTOR_CTRL2', 0x18, 4, undefined, 'rw'),
  reg('PCI_FPB_VECTOR_ACCESS_CTRL', 0x1c, 4, undefined, 'rw'),
  reg('PCI_FPB_VECTOR_ACCESS_DATA', 0x20, 4, undefined, 'rw'),
]);
