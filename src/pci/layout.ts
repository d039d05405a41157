/**
 * The vocabulary of the register registry: a capability (or header) is a list of registers, each a list of
 * bit fields, named with the `include/uapi/linux/pci_regs.h` macros. Layouts are data; `decode.ts` is the one
 * generic interpreter. Layouts that depend on the device (MSI's 64-bit flag, a vendor cap's length byte)
 * receive a `CapView` of the raw bytes.
 */
import { shownWhen, type Meaning, type MeaningContext } from './meaning';

/** How real hardware treats a bit; drives the 'realistic' hardware model. Default: read-only. */
export type Access = 'ro' | 'rw' | 'rw1c';

export interface BitDef {
  readonly name: string;
  readonly mask: number;
  readonly access?: Access;
  /** How lspci reads this field's value (see meaning.ts). */
  readonly meaning?: Meaning;
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
  /** How lspci reads the whole register: composite decodes such as a BAR's region (see meaning.ts). */
  readonly meaning?: Meaning;
}

/** Read-only window onto the bytes of one capability, offsets relative to its start. */
export interface CapView {
  u8(off: number): number;
  u16(off: number): number;
  u32(off: number): number;
  /** Maximum link width from the PCIe capability (1 when absent): sizes the per-lane extended capabilities. */
  readonly linkWidth: number;
  /** The function's header type (PCI_HEADER_TYPE & 0x7f; 0 where unknown): EA and PCI-X lay out by it. */
  readonly headerType?: number;
  /** Bytes the dump holds from the structure's start on (lspci decodes some bodies only when all of it is there). */
  readonly available?: number;
}

export interface CapabilityDef {
  readonly id: number;
  /** `PCI_CAP_ID_MSI`, `PCI_EXT_CAP_ID_ERR` … */
  readonly macro: string;
  /** The name lspci prints, so decode output can be compared with `lspci -vvv`. */
  readonly name: string;
  /** A shorter name still in words, for narrow labels (the bitmap's bands), where `name` is long. */
  readonly shortName?: string;
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

/** A bit field; its access (default read-only) and its meaning may follow in either order. */
export function bit(name: string, mask: number, ...rest: (Access | Meaning)[]): BitDef {
  const access = rest.find((r): r is Access => typeof r === 'string');
  const meaning = rest.find((r): r is Meaning => typeof r === 'object');
  return { name, mask, ...(access ? { access } : {}), ...(meaning ? { meaning } : {}) };
}

/** The same register with lspci's reading of its whole value. */
export const withMeaning = (r: RegDef, meaning: Meaning): RegDef => ({ ...r, meaning });

/**
 * The register with every meaning it carries printed only where `shown` says (lspci leaves out a whole
 * register by device: PCIe slot registers without a slot, link registers of integrated endpoints).
 */
export const shownRegister = (shown: (ctx: MeaningContext) => boolean, r: RegDef): RegDef => ({
  ...r,
  ...(r.meaning ? { meaning: shownWhen(shown, r.meaning) } : {}),
  ...(r.bits
    ? { bits: r.bits.map((b) => (b.meaning ? { ...b, meaning: shownWhen(shown, b.meaning) } : b)) }
    : {}),
});

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
