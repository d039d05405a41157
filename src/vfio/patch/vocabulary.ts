/**
 * The words a permission patch may use, taken from the register registry (src/pci) so they are exactly
 * the pci_regs.h names the decoder shows: capability IDs (PCI_CAP_ID_*, PCI_EXT_CAP_ID_*), each
 * capability's registers, and every named bit field as a mask value. Nothing here is a second copy of
 * pci_regs.h: it is read off the layouts.
 */
import { STANDARD_CAPS, EXTENDED_CAPS } from '../../pci/registry';
import { TYPE0_HEADER } from '../../pci/header';
import { reg, type CapabilityDef, type CapView, type RegDef } from '../../pci/layout';

/** The tables a patch line may name: vfio_pci_config.c's cap_perms[], ecap_perms[], the MSI table, the header. */
export type PatchTable =
  | { readonly kind: 'basic' }
  | { readonly kind: 'msi' }
  | { readonly kind: 'cap' | 'ecap'; readonly id: number; readonly macro: string };

/** The headers every capability has; the decoder names them the same way. */
const CAP_HEADER = [reg('PCI_CAP_LIST_ID', 0, 1), reg('PCI_CAP_LIST_NEXT', 1, 1)];
const ECAP_HEADER = [reg('PCI_EXT_CAP_HEADER', 0, 4)];

/**
 * Layouts that depend on the device (MSI's 64-bit and per-vector-mask flags, a length byte) are read
 * through a few made-up capabilities so every register name any device can have is known: all zeros, all
 * ones, and flags word 0x0100 (MSI's 32-bit layout with masking).
 */
const fill = (byte: number, flags?: number): CapView => {
  const at = (o: number, n: number) => {
    if (flags !== undefined && o === 2 && n === 2) return flags;
    return byte ? 2 ** (8 * n) - 1 : 0;
  };
  return { u8: (o) => at(o, 1), u16: (o) => at(o, 2), u32: (o) => at(o, 4) >>> 0, linkWidth: 1 };
};
const VIEWS = [fill(0), fill(0xff), fill(0, 0x0100)];

function layoutRegisters(def: CapabilityDef): RegDef[] {
  const out: RegDef[] = [];
  for (const v of VIEWS) {
    let regs: readonly RegDef[];
    try {
      regs = def.registers(v);
    } catch {
      continue; // a layout that cannot be read off made-up bytes offers no names from them
    }
    for (const r of regs) if (!out.some((o) => o.name === r.name && o.offset === r.offset)) out.push(r);
  }
  return out;
}

/** Every register a table has, by name (MSI's: of any layout; the device's own is chosen when applied). */
export function tableRegisters(t: PatchTable): readonly RegDef[] {
  if (t.kind === 'basic') return TYPE0_HEADER;
  if (t.kind === 'msi') return [...CAP_HEADER, ...layoutRegisters(STANDARD_CAPS.get(0x05)!)];
  const def = (t.kind === 'cap' ? STANDARD_CAPS : EXTENDED_CAPS).get(t.id);
  const header = t.kind === 'cap' ? CAP_HEADER : ECAP_HEADER;
  return def ? [...header, ...layoutRegisters(def)] : header;
}

/** PCI_CAP_ID_* / PCI_EXT_CAP_ID_* macro → ID. */
export function capabilityIds(kind: 'cap' | 'ecap'): ReadonlyMap<string, number> {
  const defs = kind === 'cap' ? STANDARD_CAPS : EXTENDED_CAPS;
  return new Map([...defs.values()].map((d) => [d.macro, d.id]));
}

export function capabilityMacro(kind: 'cap' | 'ecap', id: number): string {
  return (kind === 'cap' ? STANDARD_CAPS : EXTENDED_CAPS).get(id)?.macro ?? `0x${id.toString(16)}`;
}

let bitNames: Map<string, number> | null = null;

/** Every named bit field of every layout (header and capabilities), name → mask. */
export function bitMasks(): ReadonlyMap<string, number> {
  if (bitNames) return bitNames;
  const names = new Map<string, number>();
  const add = (regs: readonly RegDef[]) => {
    for (const r of regs)
      for (const b of r.bits ?? []) if (!names.has(b.name)) names.set(b.name, b.mask >>> 0);
  };
  add(TYPE0_HEADER);
  for (const d of [...STANDARD_CAPS.values(), ...EXTENDED_CAPS.values()]) add(layoutRegisters(d));
  bitNames = names;
  return names;
}
