/** What the PCI core knows about a device before vfio-pci looks at it (struct pci_dev fields). */
import { PCI_CAPABILITY_LIST, PCI_STATUS, PCI_STATUS_CAP_LIST } from '../pci/header';
import type { Hardware } from './hardware';

/**
 * pci_find_capability() for a type-0 header (__pci_bus_find_cap_start + __pci_find_next_cap_ttl): start
 * at PCI_CAPABILITY_LIST when STATUS says there is a list, follow at most 48 pointers, stop at a pointer
 * below 0x40 or an ID of 0xff, and align every pointer down to a dword. 0 when not found.
 */
export function pciFindCapability(hw: Hardware, id: number): number {
  if (!(hw.read(PCI_STATUS, 2) & PCI_STATUS_CAP_LIST)) return 0;
  let pos = hw.read(PCI_CAPABILITY_LIST, 1);
  for (let ttl = 48; ttl > 0; ttl--) {
    if (pos < 0x40) break;
    pos &= ~3;
    const ent = hw.read(pos, 2);
    const cap = ent & 0xff;
    if (cap === 0xff) break;
    if (cap === id) return pos;
    pos = ent >> 8;
  }
  return 0;
}
