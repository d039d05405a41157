/**
 * The shared tables vfio_pci_init_perm_bits() builds once: cap_perms[] and ecap_perms[]. Every entry
 * defaults to a direct read with no write handler; only the capabilities below get tables or raw writes.
 */
import { buildTable, tableless, type PermTable } from './types';
import { headerPerms } from './header';
import { pmPerms } from './pm';
import { vpdPerms } from './vpd';
import { pcixPerms } from './pcix';
import { pciePerms } from './pcie';
import { afPerms } from './af';
import { aerPerms } from './aer';
import { powerBudgetPerms } from './power-budget';

const DIRECT = buildTable(tableless(null, 'vfio_pci_init_perm_bits'));
const DIRECT_RAW_WRITE = buildTable(tableless('raw', 'vfio_pci_init_perm_bits'));

const CAP_TABLES = new Map<number, PermTable>([
  [0x00, buildTable(headerPerms)],
  [0x01, buildTable(pmPerms)],
  [0x03, buildTable(vpdPerms)],
  [0x07, buildTable(pcixPerms)],
  [0x09, DIRECT_RAW_WRITE],
  [0x10, buildTable(pciePerms)],
  [0x13, buildTable(afPerms)],
]);

const ECAP_TABLES = new Map<number, PermTable>([
  [0x01, buildTable(aerPerms)],
  [0x04, buildTable(powerBudgetPerms)],
  [0x0b, DIRECT_RAW_WRITE],
  [0x23, DIRECT_RAW_WRITE],
]);

/** cap_perms[id]; MSI (5) is per device and is looked up by the caller. */
export const capPerms = (id: number): PermTable => CAP_TABLES.get(id) ?? DIRECT;
export const ecapPerms = (id: number): PermTable => ECAP_TABLES.get(id) ?? DIRECT;

/** direct_ro_perms (v6.13+): a hidden first extended cap whose ID exceeds PCI_EXT_CAP_ID_MAX. */
export const DIRECT_RO = DIRECT;

/** unassigned_perms: raw to hardware both ways. virt_perms: vconfig both ways. */
export const UNASSIGNED = buildTable({
  size: 0,
  read: 'raw',
  write: 'raw',
  entries: [],
  source: 'unassigned_perms',
});
export const VIRT = buildTable({ size: 0, read: 'virt', write: 'virt', entries: [], source: 'virt_perms' });
