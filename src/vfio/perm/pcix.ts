/** PCI-X permissions: init_pci_cap_pcix_perm() (allocates the 24-byte v2 size; v0 uses 8). */
import { PCI_X_CMD, PCI_X_ECC_CSR } from '../../pci/caps/pcix';
import { CAP_NEXT_VIRT, ALL, entry, type PermTableDef } from './types';

export const pcixPerms: PermTableDef = {
  size: 24,
  read: 'default',
  write: 'default',
  source: 'init_pci_cap_pcix_perm',
  entries: [
    CAP_NEXT_VIRT,
    entry(PCI_X_CMD, 2, 0, 0xffff, 'PCI_X_CMD', 'PCI-X command passes straight to the device.'),
    entry(PCI_X_ECC_CSR, 4, 0, ALL, 'PCI_X_ECC_CSR', 'ECC control passes straight to the device.'),
  ],
};
