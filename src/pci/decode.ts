/**
 * decodeConfig: walk the header, the standard capability chain and the extended chain the way lspci does
 * (show_caps / show_ext_caps in pciutils' ls-caps.c and ls-ecaps.c), with every hazard a real or hostile
 * dump can hold turned into a warning: loops, pointers into the header, pointers past the dump, IDs of 0xff.
 * It never throws and never walks more than one step per dword of config space.
 */
import { readLE } from '../util/bytes';
import { STANDARD_CAPS, EXTENDED_CAPS } from './registry';
import { capListOffset, headerLayout, PCI_HEADER_TYPE, PCI_STATUS, PCI_STATUS_CAP_LIST } from './header';
import { bit, reg, type CapView, type CapabilityDef, type RegDef } from './layout';
import { PCI_CAP_ID_EXP } from './caps/pcie';
import { PCI_CAP_ID_PCIX, PCI_X_CMD, pcixVersion } from './caps/pcix';
import { decodeRegisters, SLOT_ZERO, type DecodedField } from './fields';
import type { DeviceSlot } from './meaning';

export type { DecodedField, DecodedBits } from './fields';

export interface DecodedCapability {
  readonly id: number;
  readonly name: string;
  /** `PCI_CAP_ID_MSI`, `PCI_EXT_CAP_ID_ERR`, or `null` for an ID no specification assigns. */
  readonly macro: string | null;
  readonly offset: number;
  readonly length: number;
  readonly extended: boolean;
  /** Extended capabilities carry a version in their header. */
  readonly version?: number;
  readonly fields: DecodedField[];
}

export interface DecodedConfig {
  readonly header: { readonly type: number; readonly fields: DecodedField[] };
  readonly capabilities: DecodedCapability[];
  readonly extendedCapabilities: DecodedCapability[];
  readonly warnings: string[];
}

const STD_CAP_HEADER: RegDef[] = [reg('PCI_CAP_LIST_ID', 0, 1), reg('PCI_CAP_LIST_NEXT', 1, 1)];
const EXT_CAP_HEADER: RegDef[] = [
  reg('PCI_EXT_CAP_HEADER', 0, 4, [
    bit('PCI_EXT_CAP_ID', 0x0000ffff),
    bit('PCI_EXT_CAP_VER', 0x000f0000),
    bit('PCI_EXT_CAP_NEXT', 0xfff00000),
  ]),
];

const h = (v: number, digits = 2) => `0x${v.toString(16).padStart(digits, '0')}`;

function viewAt(bytes: Uint8Array, base: number, linkWidth: number): CapView {
  return {
    u8: (o) => readLE(bytes, base + o, 1),
    u16: (o) => readLE(bytes, base + o, 2),
    u32: (o) => readLE(bytes, base + o, 4),
    linkWidth,
    headerType: bytes.length > PCI_HEADER_TYPE ? bytes[PCI_HEADER_TYPE] & 0x7f : 0,
    available: Math.max(0, bytes.length - base),
  };
}

/** An ID no layout is registered for: named by number, sized as just its header. */
function unknownDef(id: number, extended: boolean): CapabilityDef {
  return {
    id,
    macro: '',
    name: extended ? `Extended Capability ID ${h(id, 4)}` : `Capability ID ${h(id)}`,
    length: () => (extended ? 4 : 2),
    registers: () => [],
  };
}

function decodeCap(
  bytes: Uint8Array,
  offset: number,
  id: number,
  extended: boolean,
  linkWidth: number,
  limit: number,
  warnings: string[],
  slot: DeviceSlot = SLOT_ZERO,
): DecodedCapability {
  const def = (extended ? EXTENDED_CAPS : STANDARD_CAPS).get(id) ?? unknownDef(id, extended);
  const view = viewAt(bytes, offset, linkWidth);
  const specLength = def.length(view);
  const length = Math.max(0, Math.min(specLength, limit - offset));
  if (length < specLength) {
    warnings.push(`${def.name} at ${h(offset)} needs ${specLength} bytes but only ${length} are present`);
  }
  const regs = [...(extended ? EXT_CAP_HEADER : STD_CAP_HEADER), ...def.registers(view)];
  const fields = decodeRegisters(bytes, offset, regs, offset + length, slot);
  return {
    id,
    name: def.name,
    macro: def.macro || null,
    offset,
    length,
    extended,
    ...(extended ? { version: (readLE(bytes, offset, 4) >>> 16) & 0xf } : {}),
    fields,
  };
}

function walkStandard(
  bytes: Uint8Array,
  headerType: number,
  warnings: string[],
  slot: DeviceSlot,
): DecodedCapability[] {
  const caps: DecodedCapability[] = [];
  if (bytes.length < 64) return caps;
  if (!(readLE(bytes, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST)) return caps;
  const limit = Math.min(bytes.length, 256);
  const seen = new Set<number>();
  let pos = bytes[capListOffset(headerType)] & ~3;
  while (pos) {
    if (pos < 0x40) {
      warnings.push(`capability pointer ${h(pos)} points into the header; chain not followed`);
      break;
    }
    if (pos + 4 > bytes.length) {
      warnings.push(`capability pointer ${h(pos)} points beyond the ${bytes.length} bytes in the dump`);
      break;
    }
    if (seen.has(pos)) {
      warnings.push(`capability chain loops back to ${h(pos)}`);
      break;
    }
    seen.add(pos);
    const id = bytes[pos];
    if (id === 0xff) {
      warnings.push(`capability chain broken at ${h(pos)} (ID 0xff)`);
      break;
    }
    caps.push(decodeCap(bytes, pos, id, false, 1, limit, warnings, slot));
    pos = bytes[pos + 1] & ~3;
  }
  return caps;
}

/** lspci walks the extended chain only behind a PCIe capability or a PCI-X 266/533 (version ≠ 0) one. */
function canHaveExtended(bytes: Uint8Array, caps: DecodedCapability[]): boolean {
  return caps.some(
    (c) =>
      c.id === PCI_CAP_ID_EXP ||
      (c.id === PCI_CAP_ID_PCIX && pcixVersion(readLE(bytes, c.offset + PCI_X_CMD, 2)) !== 0),
  );
}

function maxLinkWidth(bytes: Uint8Array, caps: DecodedCapability[]): number {
  const exp = caps.find((c) => c.id === PCI_CAP_ID_EXP);
  if (!exp || exp.length < 0x10) return 1;
  return Math.max(1, (readLE(bytes, exp.offset + 0x0c, 4) >> 4) & 0x3f);
}

function walkExtended(bytes: Uint8Array, linkWidth: number, warnings: string[]): DecodedCapability[] {
  const caps: DecodedCapability[] = [];
  const seen = new Set<number>();
  let pos = 0x100;
  while (pos) {
    if (pos < 0x100) {
      warnings.push(`extended capability pointer ${h(pos, 3)} points below 0x100; chain not followed`);
      break;
    }
    if (pos + 4 > bytes.length) {
      warnings.push(
        `extended capability pointer ${h(pos, 3)} points beyond the ${bytes.length} bytes in the dump`,
      );
      break;
    }
    const header = readLE(bytes, pos, 4);
    if (header === 0 || header === 0xffffffff) break;
    if (seen.has(pos)) {
      warnings.push(`extended capability chain loops back to ${h(pos, 3)}`);
      break;
    }
    seen.add(pos);
    caps.push(decodeCap(bytes, pos, header & 0xffff, true, linkWidth, bytes.length, warnings));
    pos = (header >>> 20) & ~3;
  }
  return caps;
}

export interface ConfigDecodeOptions {
  /** The function's device and function numbers (from its dump address): lspci prints some registers by them. */
  readonly slot?: DeviceSlot;
}

export function decodeConfig(bytes: Uint8Array, options: ConfigDecodeOptions = {}): DecodedConfig {
  const slot = options.slot ?? SLOT_ZERO;
  const warnings: string[] = [];
  if (bytes.length < 64) {
    warnings.push(`only ${bytes.length} bytes: a configuration header needs 64`);
  }
  const type = bytes.length > 0x0e ? bytes[0x0e] & 0x7f : 0;
  if (type > 2) warnings.push(`unknown header type ${type}; decoded as a type 0 header`);
  const headerEnd = Math.min(bytes.length, type === 2 ? 0x48 : 0x40);
  const header = { type, fields: decodeRegisters(bytes, 0, headerLayout(type), headerEnd, slot) };
  const capabilities = walkStandard(bytes, type, warnings, slot);
  const extendedCapabilities =
    bytes.length > 0x100 && canHaveExtended(bytes, capabilities)
      ? walkExtended(bytes, maxLinkWidth(bytes, capabilities), warnings)
      : [];
  return { header, capabilities, extendedCapabilities, warnings };
}
