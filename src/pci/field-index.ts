/** Which decoded structure, register and bit field own a given byte/bit: the "MSI › PCI_MSI_FLAGS › bit 0" path. */
import type { DecodedCapability, DecodedConfig, DecodedField } from './decode';

export interface FieldLocation {
  /** 'Header' or the capability's name. */
  readonly structure: string;
  readonly capability: DecodedCapability | null;
  readonly field: DecodedField;
  /** The bit field covering this bit, when the register has named bits. */
  readonly bitField?: { readonly name: string; readonly mask: number };
}

export interface FieldIndex {
  at(offset: number, bit?: number): FieldLocation | null;
  /** "MSI › PCI_MSI_ADDRESS_LO › bit 3". */
  path(offset: number, bit: number): string;
}

export function buildFieldIndex(decoded: DecodedConfig): FieldIndex {
  const owner = new Array<{ cap: DecodedCapability | null; field: DecodedField } | undefined>(4096);
  const place = (cap: DecodedCapability | null, f: DecodedField) => {
    for (let i = 0; i < f.size; i++) if (!owner[f.offset + i]) owner[f.offset + i] = { cap, field: f };
  };
  decoded.header.fields.forEach((f) => place(null, f));
  for (const c of [...decoded.capabilities, ...decoded.extendedCapabilities])
    c.fields.forEach((f) => place(c, f));
  const at = (offset: number, bit = 0): FieldLocation | null => {
    const o = owner[offset];
    if (!o) return null;
    const fieldBit = (offset - o.field.offset) * 8 + bit;
    const b = o.field.bits?.find((x) => Math.floor(x.mask / 2 ** fieldBit) % 2 === 1);
    return {
      structure: o.cap ? o.cap.name : 'Header',
      capability: o.cap,
      field: o.field,
      ...(b ? { bitField: { name: b.name, mask: b.mask } } : {}),
    };
  };
  return {
    at,
    path(offset, bit) {
      const loc = at(offset, bit);
      if (!loc) return `0x${offset.toString(16)} › bit ${bit} (no register)`;
      const fieldBit = (offset - loc.field.offset) * 8 + bit;
      return [loc.structure, loc.field.name, loc.bitField?.name, `bit ${fieldBit}`]
        .filter(Boolean)
        .join(' › ');
    },
  };
}
