/**
 * PCI Express permissions: init_pci_cap_exp_perm(); write handler vfio_exp_config_write. The table is
 * allocated for PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 rounded up to a dword (alloc_perm_bits), 52 bytes with
 * every kernel's value of the constant (52, 0x32, 0x34), so it is not versioned: only how many of its
 * bytes vfio_cap_len() maps is. Bytes inside that length with no entry below (LNKCAP, LNKCTL, DEVCAP2,
 * LNKCAP2, LNKCTL2, …) keep the zeroed state: read from the device, every write dropped.
 */
import {
  PCI_EXP_DEVCTL,
  PCI_EXP_DEVCTL2,
  PCI_EXP_DEVCTL2_ARI,
  PCI_EXP_DEVCTL_BCR_FLR,
  PCI_EXP_DEVCTL_PAYLOAD,
  PCI_EXP_DEVCTL_PHANTOM,
  PCI_EXP_DEVCTL_READRQ,
} from '../../pci/caps/pcie';
import { CAP_NEXT_VIRT, entry, type PermTableDef } from './types';

export const pciePerms: PermTableDef = {
  size: 0x34,
  read: 'default',
  write: 'exp',
  source: 'init_pci_cap_exp_perm',
  entries: [
    CAP_NEXT_VIRT,
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
