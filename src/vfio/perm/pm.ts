/** Power Management permissions: init_pci_cap_pm_perm(); write handler vfio_pm_config_write. */
import {
  PCI_PM_CAP_PME_MASK,
  PCI_PM_CTRL,
  PCI_PM_CTRL_PME_ENABLE,
  PCI_PM_CTRL_PME_STATUS,
  PCI_PM_CTRL_STATE_MASK,
  PCI_PM_PMC,
} from '../../pci/caps/pm';
import { CAP_NEXT_VIRT, entry, type PermTableDef } from './types';

const PME = PCI_PM_CTRL_PME_ENABLE | PCI_PM_CTRL_PME_STATUS;

export const pmPerms: PermTableDef = {
  size: 8,
  read: 'default',
  write: 'pm',
  source: 'init_pci_cap_pm_perm',
  entries: [
    CAP_NEXT_VIRT,
    entry(
      PCI_PM_PMC,
      2,
      PCI_PM_CAP_PME_MASK,
      0,
      'PCI_PM_PMC',
      'PME_Support is virtual and cleared: the host, not the guest, handles PME events.',
    ),
    entry(
      PCI_PM_CTRL,
      4,
      PME,
      ~(PME | PCI_PM_CTRL_STATE_MASK),
      'PCI_PM_CTRL',
      'PME_En and PME_Status are virtual (always 0); PowerState is trapped: vfio changes the state itself.',
    ),
  ],
};
