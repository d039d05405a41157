/**
 * setpci-style register addresses: `0x54.L`, `COMMAND.W`, `CAP_MSI+4.L`, `ECAP_AER+8.W`, and the
 * pci_regs.h field names the decoder produces (`PCI_MSI_ADDRESS_LO`). As in setpci, numbers are hex
 * with or without `0x`. Parsing is syntax only; resolving needs the decoded device to find capabilities.
 */
import { EngineError } from '../errors';
import type { DecodedConfig, DecodedField } from './decode';
import { EXTENDED_CAPS, STANDARD_CAPS } from './registry';

export type Width = 1 | 2 | 4;

export type AddressBase =
  | { readonly kind: 'absolute' }
  | { readonly kind: 'register'; readonly name: string }
  | { readonly kind: 'cap'; readonly id: number; readonly extended: boolean; readonly name: string };

export interface SetpciAddress {
  readonly base: AddressBase;
  readonly offset: number;
  readonly width?: Width;
}

export interface ResolvedAddress {
  readonly offset: number;
  readonly size: Width;
  /** The decoded register that starts at this offset, when there is one. */
  readonly field?: DecodedField;
}

const WIDTHS: Record<string, Width> = { B: 1, W: 2, L: 4 };
const WIDTH_LETTER: Record<Width, string> = { 1: 'B', 2: 'W', 4: 'L' };

/** setpci's header register names, with their natural widths. */
const HEADER_NAMES: Record<string, [number, Width]> = {
  VENDOR_ID: [0x00, 2],
  DEVICE_ID: [0x02, 2],
  COMMAND: [0x04, 2],
  STATUS: [0x06, 2],
  REVISION: [0x08, 1],
  CLASS_PROG: [0x09, 1],
  CLASS_DEVICE: [0x0a, 2],
  CACHE_LINE_SIZE: [0x0c, 1],
  LATENCY_TIMER: [0x0d, 1],
  HEADER_TYPE: [0x0e, 1],
  BIST: [0x0f, 1],
  BASE_ADDRESS_0: [0x10, 4],
  BASE_ADDRESS_1: [0x14, 4],
  BASE_ADDRESS_2: [0x18, 4],
  BASE_ADDRESS_3: [0x1c, 4],
  BASE_ADDRESS_4: [0x20, 4],
  BASE_ADDRESS_5: [0x24, 4],
  CARDBUS_CIS: [0x28, 4],
  SUBSYSTEM_VENDOR_ID: [0x2c, 2],
  SUBSYSTEM_ID: [0x2e, 2],
  ROM_ADDRESS: [0x30, 4],
  CAPABILITIES: [0x34, 1],
  INTERRUPT_LINE: [0x3c, 1],
  INTERRUPT_PIN: [0x3d, 1],
  MIN_GNT: [0x3e, 1],
  MAX_LAT: [0x3f, 1],
};

/** Where setpci's capability names differ from the pci_regs.h macro suffix. */
const SETPCI_ALIASES: Record<string, string> = {
  SHPC: 'HOTPLUG',
  SECDEV: 'SECURE',
  ERR: 'AER',
  PWR: 'PB',
  RCLD: 'RCLINK',
  RCILC: 'RCILINK',
  VC9: 'VC2',
  RCRB: 'RBCB',
  L1SS: 'L1PM',
  MPCIE: 'M_PCIE',
  DLF: 'DLNK',
  PL_16GT: '16GT',
  PL_32GT: '32GT',
  PL_64GT: '64GT',
};

/**
 * setpci's name for a capability (`CAP_PM`, `ECAP_AER`), or null for an ID without a macro: the short
 * name a narrow label or a search result can use.
 */
export function setpciCapName(cap: {
  readonly macro: string | null;
  readonly extended: boolean;
}): string | null {
  const macroPrefix = cap.extended ? 'PCI_EXT_CAP_ID_' : 'PCI_CAP_ID_';
  if (!cap.macro?.startsWith(macroPrefix)) return null;
  const suffix = cap.macro.slice(macroPrefix.length);
  return `${cap.extended ? 'ECAP_' : 'CAP_'}${SETPCI_ALIASES[suffix] ?? suffix}`;
}

interface CapName {
  id: number;
  extended: boolean;
  canonical: string;
}

function buildCapNames(): Map<string, CapName> {
  const names = new Map<string, CapName>();
  const add = (macro: string, prefix: string, macroPrefix: string, id: number, extended: boolean) => {
    const suffix = macro.slice(macroPrefix.length);
    const canonical = setpciCapName({ macro, extended }) ?? `${prefix}${suffix}`;
    const entry = { id, extended, canonical };
    names.set(canonical, entry);
    names.set(`${prefix}${suffix}`, entry);
  };
  for (const d of STANDARD_CAPS.values()) add(d.macro, 'CAP_', 'PCI_CAP_ID_', d.id, false);
  for (const d of EXTENDED_CAPS.values()) add(d.macro, 'ECAP_', 'PCI_EXT_CAP_ID_', d.id, true);
  return names;
}

// Built on the first CAP_/ECAP_ name rather than at load: most addresses (0x54.L, COMMAND.W) need none.
let capNames: Map<string, CapName> | null = null;
const capNamed = (upper: string): CapName | undefined =>
  upper.startsWith('CAP_') || upper.startsWith('ECAP_')
    ? (capNames ??= buildCapNames()).get(upper)
    : undefined;
const ADDRESS =
  /^\s*([A-Za-z_][A-Za-z0-9_]*|(?:0[xX])?[0-9a-fA-F]+)(?:\s*\+\s*((?:0[xX])?[0-9a-fA-F]+))?(?:\.([bBwWlL]))?\s*$/;

const bad = (expr: string, why: string) => new EngineError('address', `"${expr}": ${why}`);

export function parseSetpciAddress(expr: string): SetpciAddress {
  const m = ADDRESS.exec(expr);
  if (!m) throw bad(expr, 'expected an address like 0x54.L, COMMAND.W, CAP_MSI+4.L or ECAP_AER+8.W');
  const [, head, plus, w] = m;
  const width = w ? WIDTHS[w.toUpperCase()] : undefined;
  const delta = plus ? parseInt(plus.replace(/^0x/i, ''), 16) : 0;
  const upper = head.toUpperCase();
  const cap = capNamed(upper);
  let address: SetpciAddress;
  if (cap) {
    address = {
      base: { kind: 'cap', id: cap.id, extended: cap.extended, name: cap.canonical },
      offset: delta,
      width,
    };
  } else if (/^(0x)?[0-9a-f]+$/i.test(head) && !(upper in HEADER_NAMES)) {
    address = { base: { kind: 'absolute' }, offset: parseInt(head.replace(/^0x/i, ''), 16) + delta, width };
  } else if (upper in HEADER_NAMES || /^PCI_[A-Z0-9_]+$/.test(upper)) {
    address = { base: { kind: 'register', name: upper }, offset: delta, width };
  } else {
    throw bad(expr, `unknown register or capability name ${head}`);
  }
  if (address.base.kind === 'absolute' && address.offset >= 4096)
    throw bad(expr, 'beyond 4096-byte config space');
  return address;
}

export function formatSetpciAddress(a: SetpciAddress): string {
  const w = a.width ? `.${WIDTH_LETTER[a.width]}` : '';
  switch (a.base.kind) {
    case 'absolute':
      return `0x${a.offset.toString(16)}${w}`;
    case 'register':
      return `${a.base.name}${a.offset ? `+${a.offset.toString(16)}` : ''}${w}`;
    case 'cap':
      return `${a.base.name}${a.offset ? `+${a.offset.toString(16)}` : ''}${w}`;
  }
}

function allFields(decoded: DecodedConfig): DecodedField[] {
  return [
    ...decoded.header.fields,
    ...decoded.capabilities.flatMap((c) => c.fields),
    ...decoded.extendedCapabilities.flatMap((c) => c.fields),
  ];
}

/** Turn an address into an absolute offset and width on this device. */
export function resolveSetpciAddress(input: string | SetpciAddress, decoded: DecodedConfig): ResolvedAddress {
  const a = typeof input === 'string' ? parseSetpciAddress(input) : input;
  const text = typeof input === 'string' ? input : formatSetpciAddress(input);
  const fields = allFields(decoded);
  let offset: number;
  let natural: Width | undefined;
  const base = a.base;
  if (base.kind === 'absolute') {
    offset = a.offset;
  } else if (base.kind === 'register') {
    const header = HEADER_NAMES[base.name];
    const field = header ? undefined : fields.find((f) => f.name === base.name);
    if (!header && !field) throw bad(text, `this device has no register ${base.name}`);
    offset = (header ? header[0] : field!.offset) + a.offset;
    natural = a.offset ? undefined : header ? header[1] : field!.size;
  } else {
    const list = base.extended ? decoded.extendedCapabilities : decoded.capabilities;
    const cap = list.find((c) => c.id === base.id);
    if (!cap) throw bad(text, `this device has no ${base.name} capability`);
    offset = cap.offset + a.offset;
  }
  const field = fields.find((f) => f.offset === offset);
  const size = a.width ?? natural ?? field?.size;
  if (!size) throw bad(text, 'add a width: .B, .W or .L');
  if (offset + size > 4096) throw bad(text, 'beyond 4096-byte config space');
  return { offset, size, ...(field ? { field } : {}) };
}
