/** PCI Express permissions: init_pci_cap_exp_perm(); write handler vfio_exp_config_write. */
import {
  PCI_EXP_DEVCTL,
  PCI_EXP_DEVCTL2,
  PCI_EXP_DEVCTL2_ARI,
  PCI_EXP_DEVCTL_BCR_FLR,
  PCI_EXP_DEVCTL_PAYLOAD,
  PCI_EXP_DEVCTL_PHANTOM,
  PCI_EXP_DEVCTL_READRQ,
} from '../../pci/caps/pcie';
import { entry, type PermTableDef } from './types';

export const pciePerms: PermTableDef = {
  size: 44,
  read: 'default',
  write: 'exp',
  source: 'init_pci_cap_exp_perm',
  entries: [
    entry(
      1,
      1,
      0xff,
      0,
      'PCI_CAP_LIST_NEXT',
      'The next pointer is virtual so later capabilities can be hidden.',
    ),
    entry(
      PCI_EXP_DEVCTL,
      2,
      PCI_EXP_DEVCTL_BCR_FLR | PCI_EXP_DEVCTL_PAYLOAD | PCI_EXP_DEVCTL_READRQ,
      ~PCI_EXP_DEVCTL_PHANTOM & 0xffff,
      'PCI_EXP_DEVCTL',
      'MPS is virtual (it needs a system-wide view); MRRS and FLR are trapped; phantom functions could confuse the IOMMU, so they are read-only.',
    ),
    entry(
      PCI_EXP_DEVCTL2,
      2,
      0,
      ~PCI_EXP_DEVCTL2_ARI & 0xffff,
      'PCI_EXP_DEVCTL2',
      'Passed through except ARI forwarding, which the host set at probe time.',
    ),
  ],
};
