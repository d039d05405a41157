/** AER permissions: init_pci_ext_cap_err_perm(); default read and write. */
import {
  PCI_ERR_CAP,
  PCI_ERR_COR_MASK,
  PCI_ERR_COR_STATUS,
  PCI_ERR_ROOT_COMMAND,
  PCI_ERR_UNCOR_MASK,
  PCI_ERR_UNCOR_SEVER,
  PCI_ERR_UNCOR_STATUS,
} from '../../pci/ecaps/errors';
import { ECAP_HEADER_VIRT, entry, type PermTableDef } from './types';

/** The uncorrectable errors the kernel lets a user see, mask and grade: bits 0, 4, 5, 12–25. */
export const AER_UNC_WRITABLE = 0x03fff031;
/** The correctable errors: bits 0, 6, 7, 8, 12–15. */
export const AER_COR_WRITABLE = 0x0000f1c1;
/** ECRC generation (bit 6) and check (bit 8) enables. */
export const AER_CAP_WRITABLE = 0x00000140;

export const aerPerms: PermTableDef = {
  size: PCI_ERR_ROOT_COMMAND,
  read: 'default',
  write: 'default',
  source: 'init_pci_ext_cap_err_perm',
  entries: [
    ECAP_HEADER_VIRT,
    entry(
      PCI_ERR_UNCOR_STATUS,
      4,
      0,
      AER_UNC_WRITABLE,
      'PCI_ERR_UNCOR_STATUS',
      'Passed through for the defined errors; a read-modify-write clears RW1C bits that read as 1.',
    ),
    entry(
      PCI_ERR_UNCOR_MASK,
      4,
      0,
      AER_UNC_WRITABLE,
      'PCI_ERR_UNCOR_MASK',
      'The guest may mask the defined uncorrectable errors.',
    ),
    entry(
      PCI_ERR_UNCOR_SEVER,
      4,
      0,
      AER_UNC_WRITABLE,
      'PCI_ERR_UNCOR_SEVER',
      'The guest may grade the defined uncorrectable errors.',
    ),
    entry(
      PCI_ERR_COR_STATUS,
      4,
      0,
      AER_COR_WRITABLE,
      'PCI_ERR_COR_STATUS',
      'Passed through for the defined correctable errors.',
    ),
    entry(
      PCI_ERR_COR_MASK,
      4,
      0,
      AER_COR_WRITABLE,
      'PCI_ERR_COR_MASK',
      'The guest may mask the defined correctable errors.',
    ),
    entry(
      PCI_ERR_CAP,
      4,
      0,
      AER_CAP_WRITABLE,
      'PCI_ERR_CAP',
      'Only the ECRC generation and check enables are writable.',
    ),
  ],
};
