/** The generic interpreter: register layouts + bytes → named field values, bit fields shifted down. */
import { fieldValue, readLE } from '../util/bytes';
import type { Access, RegDef } from './layout';

export interface DecodedBits {
  readonly name: string;
  readonly mask: number;
  /** The field's value shifted down to its own bits. */
  readonly value: number;
  readonly access?: Access;
}

export interface DecodedField {
  readonly name: string;
  /** Absolute offset in config space. */
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly value: number;
  readonly label?: string;
  readonly access?: Access;
  readonly bits?: DecodedBits[];
}

/** Decode the registers of one structure starting at `base`; registers that end past `end` are left out. */
export function decodeRegisters(
  bytes: Uint8Array,
  base: number,
  regs: readonly RegDef[],
  end: number,
): DecodedField[] {
  const out: DecodedField[] = [];
  for (const r of regs) {
    const offset = base + r.offset;
    if (offset + r.size > end || offset + r.size > bytes.length) continue;
    const value = readLE(bytes, offset, r.size);
    const field: DecodedField = {
      name: r.name,
      offset,
      size: r.size,
      value,
      ...(r.label ? { label: r.label } : {}),
      ...(r.access ? { access: r.access } : {}),
      ...(r.bits
        ? {
            bits: r.bits.map((b) => ({
              name: b.name,
              mask: b.mask,
              value: fieldValue(b.mask, value),
              ...(b.access ? { access: b.access } : {}),
            })),
          }
        : {}),
    };
    out.push(field);
  }
  return out;
}
