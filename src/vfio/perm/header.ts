/** Type-0 header permissions: init_pci_cap_basic_perm(); handlers vfio_basic_config_read/_write. */
import { ALL, entry, type PermTableDef } from './types';

const BAR_WHY =
  'BARs are fully virtual: the guest sizes and places them in vconfig while the real BARs keep the host addresses.';

export const headerPerms: PermTableDef = {
  size: 64,
  read: 'basic',
  write: 'basic',
  source: 'init_pci_cap_basic_perm',
  entries: [
    entry(
      0x00,
      2,
      0xffff,
      0,
      'PCI_VENDOR_ID',
      'Virtual and read-only, so an SR-IOV VF (whose real IDs read 0xffff) can show its true IDs.',
    ),
    entry(
      0x02,
      2,
      0xffff,
      0,
      'PCI_DEVICE_ID',
      'Virtual and read-only, so an SR-IOV VF (whose real IDs read 0xffff) can show its true IDs.',
    ),
    entry(
      0x04,
      2,
      0x0400,
      0xffff,
      'PCI_COMMAND',
      'Only INTx-disable is virtual (vfio-pci masks INTx itself); every other command bit passes to the device.',
    ),
    entry(
      0x06,
      2,
      0x0010,
      0,
      'PCI_STATUS',
      'Capabilities-list is virtual so vfio can hide every capability; nothing is writable, so error bits cannot be cleared.',
    ),
    entry(0x0c, 1, 0, 0xff, 'PCI_CACHE_LINE_SIZE', 'Harmless to write, so it passes to the device.'),
    entry(0x0d, 1, 0, 0xff, 'PCI_LATENCY_TIMER', 'Harmless to write, so it passes to the device.'),
    entry(0x0f, 1, 0, 0xff, 'PCI_BIST', 'Harmless to write, so it passes to the device.'),
    entry(0x10, 4, ALL, ALL, 'PCI_BASE_ADDRESS_0', BAR_WHY),
    entry(0x14, 4, ALL, ALL, 'PCI_BASE_ADDRESS_1', BAR_WHY),
    entry(0x18, 4, ALL, ALL, 'PCI_BASE_ADDRESS_2', BAR_WHY),
    entry(0x1c, 4, ALL, ALL, 'PCI_BASE_ADDRESS_3', BAR_WHY),
    entry(0x20, 4, ALL, ALL, 'PCI_BASE_ADDRESS_4', BAR_WHY),
    entry(0x24, 4, ALL, ALL, 'PCI_BASE_ADDRESS_5', BAR_WHY),
    entry(0x30, 4, ALL, ALL, 'PCI_ROM_ADDRESS', 'The ROM BAR is fully virtual, like the other BARs.'),
    entry(
      0x34,
      1,
      0xff,
      0,
      'PCI_CAPABILITY_LIST',
      'Virtual so vfio can unlink the first capability from the chain.',
    ),
    entry(0x3c, 1, 0xff, 0xff, 'PCI_INTERRUPT_LINE', 'Software scratch storage; kept in vconfig only.'),
    entry(
      0x3d,
      1,
      0xff,
      0,
      'PCI_INTERRUPT_PIN',
      'Virtual so vfio can hide INTx (reads 0 for VFs, nointx devices, or no INTx).',
    ),
  ],
};
