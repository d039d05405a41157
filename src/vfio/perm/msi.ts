/**
 * MSI permissions, built per device from the flags word: init_pci_cap_msi_perm(); handlers
 * vfio_msi_config_read/_write. The RFC's vfio_pci_msi_novirt() edits this table in place.
 */
import {
  PCI_MSI_ADDRESS_HI,
  PCI_MSI_ADDRESS_LO,
  PCI_MSI_DATA_32,
  PCI_MSI_DATA_64,
  PCI_MSI_FLAGS,
  PCI_MSI_FLAGS_64BIT,
  PCI_MSI_FLAGS_MASKBIT,
  PCI_MSI_MASK_32,
  PCI_MSI_MASK_64,
  PCI_MSI_PENDING_32,
  PCI_MSI_PENDING_64,
} from '../../pci/caps/msi';
import { CAP_NEXT_VIRT, ALL, entry, type PermEntry, type PermTableDef } from './types';

const ADDR_WHY =
  'Virtual: the guest programs vconfig only; the host MSI core owns the real address, set up through SET_IRQS.';
const DATA_WHY = 'Virtual: the guest programs vconfig only; the host MSI core owns the real data (vector).';
const MASK_WHY = 'Per-vector mask bits pass through to the device.';
const PENDING_WHY = 'Passed through; pending bits are read-only in hardware, so writes do nothing there.';

export function msiPermEntries(flags: number): PermEntry[] {
  const is64 = (flags & PCI_MSI_FLAGS_64BIT) !== 0;
  const entries = [
    CAP_NEXT_VIRT,
    entry(
      PCI_MSI_FLAGS,
      1,
      0xff,
      0xff,
      'PCI_MSI_FLAGS',
      'The flags low byte is virtual; vfio clamps QSIZE and gates ENABLE on the host IRQ state before copying it to the device.',
    ),
    entry(PCI_MSI_ADDRESS_LO, 4, ALL, ALL, 'PCI_MSI_ADDRESS_LO', ADDR_WHY),
  ];
  if (is64) {
    entries.push(entry(PCI_MSI_ADDRESS_HI, 4, ALL, ALL, 'PCI_MSI_ADDRESS_HI', ADDR_WHY));
    entries.push(entry(PCI_MSI_DATA_64, 2, 0xffff, 0xffff, 'PCI_MSI_DATA_64', DATA_WHY));
  } else {
    entries.push(entry(PCI_MSI_DATA_32, 2, 0xffff, 0xffff, 'PCI_MSI_DATA_32', DATA_WHY));
  }
  if (flags & PCI_MSI_FLAGS_MASKBIT) {
    entries.push(
      entry(
        is64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32,
        4,
        0,
        ALL,
        is64 ? 'PCI_MSI_MASK_64' : 'PCI_MSI_MASK_32',
        MASK_WHY,
      ),
    );
    entries.push(
      entry(
        is64 ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32,
        4,
        0,
        ALL,
        is64 ? 'PCI_MSI_PENDING_64' : 'PCI_MSI_PENDING_32',
        PENDING_WHY,
      ),
    );
  }
  return entries;
}

export function msiPermDef(len: number, flags: number): PermTableDef {
  return {
    size: len,
    read: 'msi',
    write: 'msi',
    source: 'init_pci_cap_msi_perm',
    entries: msiPermEntries(flags),
  };
}

const NOVIRT_WHY = 'PCI_MSI_NOVIRT (RFC): reads show the host-programmed value and writes are dropped.';

/** The p_set* calls of the RFC's vfio_pci_msi_novirt(): address and data become read-only hardware. */
export function msiNovirtEntries(flags: number): PermEntry[] {
  const entries = [entry(PCI_MSI_ADDRESS_LO, 4, 0, 0, 'PCI_MSI_ADDRESS_LO', NOVIRT_WHY)];
  if (flags & PCI_MSI_FLAGS_64BIT) {
    entries.push(entry(PCI_MSI_ADDRESS_HI, 4, 0, 0, 'PCI_MSI_ADDRESS_HI', NOVIRT_WHY));
    entries.push(entry(PCI_MSI_DATA_64, 2, 0, 0, 'PCI_MSI_DATA_64', NOVIRT_WHY));
  } else {
    entries.push(entry(PCI_MSI_DATA_32, 2, 0, 0, 'PCI_MSI_DATA_32', NOVIRT_WHY));
  }
  return entries;
}
