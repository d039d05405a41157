/** Advanced Features permissions: init_pci_cap_af_perm(); write handler vfio_af_config_write. */
import { PCI_AF_CTRL, PCI_AF_CTRL_FLR } from '../../pci/caps/af';
import { CAP_NEXT_VIRT, entry, type PermTableDef } from './types';

export const afPerms: PermTableDef = {
  size: 6,
  read: 'default',
  write: 'af',
  source: 'init_pci_cap_af_perm',
  entries: [
    CAP_NEXT_VIRT,
    entry(
      PCI_AF_CTRL,
      1,
      PCI_AF_CTRL_FLR,
      PCI_AF_CTRL_FLR,
      'PCI_AF_CTRL',
      'Initiate-FLR is trapped: vfio performs the reset itself and the bit always reads 0.',
    ),
  ],
};
