/** Power Budgeting permissions: init_pci_ext_cap_pwr_perm(). */
import { PCI_PWR_DATA } from '../../pci/ecaps/power';
import { ECAP_HEADER_VIRT, entry, type PermTableDef } from './types';

export const powerBudgetPerms: PermTableDef = {
  size: 16,
  read: 'default',
  write: 'default',
  source: 'init_pci_ext_cap_pwr_perm',
  entries: [
    ECAP_HEADER_VIRT,
    // The kernel comment calls this the data *select*, but +8 is the read-only PCI_PWR_DATA; the selector at
    // +4 stays read-only. Reproduced as the kernel does it.
    entry(
      PCI_PWR_DATA,
      1,
      0,
      0xff,
      'PCI_PWR_DATA',
      'Writable byte meant as the data selector; it is actually the data register, a long-standing kernel quirk.',
    ),
  ],
};
