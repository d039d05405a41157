/** The generic interpreter: register layouts + bytes → named field values, bit fields shifted down. */
import { fieldValue, readLE } from '../util/bytes';
import type { Access, RegDef } from './layout';
import { wordIn, type DeviceSlot, type Meaning, type MeaningContext } from './meaning';

/** The slot a dump without an address is read at: device 0, function 0, as lspci -F reads a lone binary. */
export const SLOT_ZERO: DeviceSlot = { dev: 0, fn: 0 };

export interface DecodedBits {
  readonly name: string;
  readonly mask: number;
  /** The field's value shifted down to its own bits. */
  readonly value: number;
  readonly access?: Access;
  /** What the value means, as lspci words it ("MaxPayload 256 bytes", "FLReset+"). */
  readonly meaning?: string;
  /** lspci's name for the field, when it has one ("MaxPayload"). */
  readonly word?: string;
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
  /** What the whole register means, as lspci words it ("Memory at fbdff000 (64-bit, non-prefetchable)"). */
  readonly meaning?: string;
  readonly word?: string;
}

/** Decode the registers of one structure starting at `base`; registers that end past `end` are left out. */
export function decodeRegisters(
  bytes: Uint8Array,
  base: number,
  regs: readonly RegDef[],
  end: number,
  slot: DeviceSlot = SLOT_ZERO,
): DecodedField[] {
  const out: DecodedField[] = [];
  const at = (off: number, size: 1 | 2 | 4) =>
    base + off + size <= Math.min(end, bytes.length) ? readLE(bytes, base + off, size) : 0;
  const config = (off: number, size: 1 | 2 | 4) =>
    off >= 0 && off + size <= bytes.length ? readLE(bytes, off, size) : 0;
  for (const r of regs) {
    const offset = base + r.offset;
    if (offset + r.size > end || offset + r.size > bytes.length) continue;
    const value = readLE(bytes, offset, r.size);
    const ctx: MeaningContext = { at, register: value, base, config, slot };
    const field: DecodedField = {
      name: r.name,
      offset,
      size: r.size,
      value,
      ...(r.label ? { label: r.label } : {}),
      ...(r.access ? { access: r.access } : {}),
      ...said(r.meaning, value, ctx),
      ...(r.bits
        ? {
            bits: r.bits.map((b) => {
              const v = fieldValue(b.mask, value);
              return {
                name: b.name,
                mask: b.mask,
                value: v,
                ...(b.access ? { access: b.access } : {}),
                ...said(b.meaning, v, ctx),
              };
            }),
          }
        : {}),
    };
    out.push(field);
  }
  return out;
}

/** The meaning and its word, or nothing where the layout declares none or lspci prints nothing for it. */
function said(meaning: Meaning | undefined, value: number, ctx: MeaningContext) {
  const text = meaning?.read(value, ctx);
  if (text === undefined) return {};
  const word = wordIn(meaning!, ctx);
  return { meaning: text, ...(word ? { word } : {}) };
}
