/**
 * The vocabulary of the register registry: a capability (or header) is a list of registers, each a list of
 * bit fields, named with the `include/uapi/linux/pci_regs.h` macros. Layouts are data; `decode.ts` is the one
 * generic interpreter. Layouts that depend on the device (MSI's 64-bit flag, a vendor cap's length byte)
 * receive a `CapView` of the raw bytes.
 */

/** How real hardware treats a bit; drives the 'realistic' hardware model. Default: read-only. */
export type Access = 'ro' | 'rw' | 'rw1c';

export interface BitDef {
  readonly name: string;
  readonly mask: number;
  readonly access?: Access;
}

export interface RegDef {
  readonly name: string;
  /** Offset relative to the capability (or 0 for the header). */
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  /** Access of bits not covered by a BitDef. */
  readonly access?: Access;
  readonly bits?: readonly BitDef[];
  /** Human label, e.g. "Message Address" — the macro name stays the identifier. */
  readonly label?: string;
}

/** Read-only window onto the bytes of one capability, offsets relative to its start. */
export interface CapView {
  u8(off: number): number;
  u16(off: number): number;
  u32(off: number): number;
  /** Maximum link width from the PCIe capability (1 when absent): sizes the per-lane extended capabilities. */
  readonly linkWidth: number;
}

export interface CapabilityDef {
  readonly id: number;
  /** `PCI_CAP_ID_MSI`, `PCI_EXT_CAP_ID_ERR` … */
  readonly macro: string;
  /** The name lspci prints, so decode output can be compared with `lspci -vvv`. */
  readonly name: string;
  /** Bytes the structure occupies on this device. */
  length(view: CapView): number;
  registers(view: CapView): readonly RegDef[];
}

export const reg = (
  name: string,
  offset: number,
  size: 1 | 2 | 4,
  bits?: readonly BitDef[],
  access?: Access,
  label?: string,
): RegDef => ({ name, offset, size, bits, access, label });

export const bit = (name: string, mask: number, access?: Access): BitDef => ({ name, mask, access });

/** A capability with fixed length and registers. */
export function fixedCap(
  id: number,
  macro: string,
  name: string,
  length: number,
  registers: readonly RegDef[],
): CapabilityDef {
  return { id, macro, name, length: () => length, registers: () => registers };
}
