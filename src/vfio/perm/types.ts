/**
 * A vfio-pci permission table (the kernel's `struct perm_bits`) as data: entries set with p_setb/p_setw/
 * p_setd semantics, plus which read and write handler the capability uses. Each entry carries the plain
 * reason and the kernel function it comes from, so the UI can say *why* a bit behaves as it does.
 */
import { writeLE } from '../../util/bytes';

export type ReadHandler = 'default' | 'direct' | 'raw' | 'virt' | 'basic' | 'msi';
export type WriteHandler = 'default' | 'raw' | 'virt' | 'basic' | 'pm' | 'vpd' | 'exp' | 'af' | 'msi' | null;

/**
 * The handlers of unassigned_perms and virt_perms (vfio_raw_config_read/_write, vfio_virt_config_read/
 * _write) use no table: a byte reads, and may be written, the same whatever its offset in a run.
 */
export const ignoresOffset = (read: ReadHandler): boolean => read === 'raw' || read === 'virt';

export interface PermEntry {
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly virt: number;
  readonly write: number;
  /** pci_regs.h name of the register the entry covers. */
  readonly register: string;
  /** One plain sentence: why vfio-pci treats these bits this way. */
  readonly why: string;
}

export interface PermTableDef {
  /** Bytes the kernel allocates (alloc_perm_bits rounds up to a dword). */
  readonly size: number;
  readonly read: ReadHandler;
  readonly write: WriteHandler;
  readonly entries: readonly PermEntry[];
  /** The kernel function that builds the table (for the "why" link). */
  readonly source: string;
}

export interface PermTable extends PermTableDef {
  readonly virtBits: Uint8Array;
  readonly writeBits: Uint8Array;
}

export const ALL = 0xffffffff;

export const entry = (
  offset: number,
  size: 1 | 2 | 4,
  virt: number,
  write: number,
  register: string,
  why: string,
): PermEntry => ({ offset, size, virt: virt >>> 0, write: write >>> 0, register, why });

/** alloc_perm_bits() + the p_set* calls: a zeroed table (read from hardware, nothing writable) with entries applied. */
export function buildTable(def: PermTableDef): PermTable {
  const size = Math.ceil(def.size / 4) * 4;
  const virt = new Uint8Array(size);
  const write = new Uint8Array(size);
  for (const e of def.entries) {
    writeLE(virt, e.offset, e.size, e.virt);
    writeLE(write, e.offset, e.size, e.write);
  }
  return { ...def, size, virtBits: virt, writeBits: write };
}

/** A capability with no table: vfio_direct_config_read, and either no write handler or a raw one. */
export const tableless = (write: 'raw' | null, source: string): PermTableDef => ({
  size: 0,
  read: 'direct',
  write,
  entries: [],
  source,
});

/**
 * The first p_set* of every capability table (init_pci_cap_*_perm: p_setb(perm, PCI_CAP_LIST_NEXT,
 * (u8)ALL_VIRT, NO_WRITE)): the next pointer comes from vconfig, so vfio can leave capabilities out of the
 * chain it shows.
 */
export const CAP_NEXT_VIRT = entry(
  1,
  1,
  0xff,
  0,
  'PCI_CAP_LIST_NEXT',
  'The next pointer is virtual so later capabilities can be hidden.',
);

/**
 * The extended capabilities' counterpart (init_pci_ext_cap_err_perm, init_pci_ext_cap_pwr_perm:
 * p_setd(perm, 0, ALL_VIRT, NO_WRITE)): the whole header dword, which holds the next pointer, is virtual.
 */
export const ECAP_HEADER_VIRT = entry(
  0,
  4,
  ALL,
  0,
  'PCI_EXT_CAP_HEADER',
  'The header is virtual so vfio can unlink capabilities from the extended chain.',
);
