/** VPD permissions: init_pci_cap_vpd_perm(); write handler vfio_vpd_config_write. */
import { PCI_VPD_ADDR, PCI_VPD_DATA } from '../../pci/caps/vpd';
import { CAP_NEXT_VIRT, ALL, entry, type PermTableDef } from './types';

export const vpdPerms: PermTableDef = {
  size: 8,
  read: 'default',
  write: 'vpd',
  source: 'init_pci_cap_vpd_perm',
  entries: [
    CAP_NEXT_VIRT,
    entry(
      PCI_VPD_ADDR,
      2,
      0xffff,
      0xffff,
      'PCI_VPD_ADDR',
      'Virtual: vfio performs the VPD access itself with pci_read_vpd/pci_write_vpd and toggles the F flag.',
    ),
    entry(
      PCI_VPD_DATA,
      4,
      ALL,
      ALL,
      'PCI_VPD_DATA',
      'Virtual: holds the data vfio read from or will write to VPD.',
    ),
  ],
};
