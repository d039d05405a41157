/** A permission patch as data: what a reviewer wrote, line by line, already checked against the vocabulary. */
import type { PatchTable } from './vocabulary';

/** One p_setb/p_setw/p_setd call on a table. */
export interface PermEdit {
  /** 1-based line of the patch text. */
  readonly line: number;
  readonly table: PatchTable;
  /** pci_regs.h name, or the offset in hex when the line gave a number. */
  readonly register: string;
  /** Whether the line named the register (MSI's named registers exist only in some layouts). */
  readonly named: boolean;
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly virt: number;
  readonly write: number;
  /** MSI only: the line applies when this flags bit is set (or clear), like the kernel's `if (flags & …)`. */
  readonly when?: MsiCondition;
}

export interface MsiCondition {
  readonly flag: 'PCI_MSI_FLAGS_64BIT' | 'PCI_MSI_FLAGS_MASKBIT';
  readonly set: boolean;
}

/** A capability's length replaced (what pci_cap_length[] / vfio_cap_len() would answer). */
export interface LengthEdit {
  readonly line: number;
  readonly table: Extract<PatchTable, { kind: 'cap' | 'ecap' }>;
  readonly length: number;
}

/** A pci_regs.h size constant the modelled kernels hold as data (KernelVersion fields). */
export interface SizeofEdit {
  readonly line: number;
  readonly name: 'PCI_CAP_EXP_ENDPOINT_SIZEOF_V2';
  readonly value: number;
}

export interface PermPatch {
  /** A built-in's name, or what the user called it. */
  readonly name: string;
  /** The text it was parsed from, verbatim (links carry this). */
  readonly text: string;
  readonly edits: readonly PermEdit[];
  readonly lengths: readonly LengthEdit[];
  readonly sizeofs: readonly SizeofEdit[];
}

export interface PatchSyntaxError {
  readonly line: number;
  readonly column: number;
  /** One sentence: what is wrong and what was expected there. */
  readonly message: string;
}

export type PatchParse =
  | { readonly ok: true; readonly patch: PermPatch }
  | { readonly ok: false; readonly errors: readonly PatchSyntaxError[] };
