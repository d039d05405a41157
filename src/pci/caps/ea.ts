/**
 * Enhanced Allocation (PCI_CAP_ID_EA, 0x14): fixed BAR-like entries; each entry's size is in its header.
 * Meanings are the words of pciutils 3.9.0's cap_ea (ls-caps.c); the walk follows the kernel's
 * pci_ea_init (entries start after the bus-number dword on a bridge, PCI_EA_FIRST_ENT_BRIDGE).
 */
import { bit, reg, withMeaning, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { equals, flag, says } from '../meaning';
import { hexWord } from '../vocab';

export const PCI_CAP_ID_EA = 0x14;
const PCI_EA_NUM_ENT = 2;
const PCI_EA_NUM_ENT_MASK = 0x3f;
const PCI_EA_FIRST_ENT = 4;
const PCI_EA_FIRST_ENT_BRIDGE = 8;
const PCI_EA_ES = 0x7;
const PCI_EA_IS_64 = 0x2;
const PCI_HEADER_TYPE_BRIDGE = 1;

/** An entry's primary/secondary properties (PCI_EA_P_*), as lspci words them. */
export const EA_PROPERTIES: Readonly<Record<number, string>> = {
  0x00: 'memory space, non-prefetchable',
  0x01: 'memory space, prefetchable',
  0x02: 'I/O space',
  0x03: 'VF memory space, prefetchable',
  0x04: 'VF memory space, non-prefetchable',
  0x05: 'allocation behind bridge, non-prefetchable memory',
  0x06: 'allocation behind bridge, prefetchable memory',
  0x07: 'allocation behind bridge, I/O space',
  0xfd: 'memory space resource unavailable for use',
  0xfe: 'I/O space resource unavailable for use',
  0xff: 'entry unavailable for use',
};

/** A property code's text; an unavailable secondary property sends the reader to the primary one. */
export function eaProperty(code: number, secondary: boolean): string {
  if (code === 0xff && secondary) return 'entry unavailable for use, PrimaryProperties should be used';
  return EA_PROPERTIES[code] ?? `[${hexWord(code, 2)}]`;
}

/** The BAR Equivalent Indicator: which BAR (or VF BAR, or ROM) the entry stands in for. */
export function eaBei(bei: number): string {
  if (bei <= 5) return `BAR ${bei}`;
  if (bei === 6) return 'resource behind function';
  if (bei === 7) return 'not indicated';
  if (bei === 8) return 'expansion ROM';
  if (bei <= 14) return `VF-BAR ${bei - 9}`;
  return 'reserved';
}

const isBridge = (v: CapView) => (v.headerType ?? 0) === PCI_HEADER_TYPE_BRIDGE;

/** Walk the entries; each is (ES + 1) dwords. Stops at 0xc0 bytes so a corrupt count cannot run away. */
function entries(v: CapView): { offset: number; dwords: number }[] {
  const out: { offset: number; dwords: number }[] = [];
  let off = isBridge(v) ? PCI_EA_FIRST_ENT_BRIDGE : PCI_EA_FIRST_ENT;
  const n = v.u8(PCI_EA_NUM_ENT) & PCI_EA_NUM_ENT_MASK;
  for (let i = 0; i < n && off < 0xc0; i++) {
    const dwords = (v.u32(off) & PCI_EA_ES) + 1;
    out.push({ offset: off, dwords });
    off += dwords * 4;
  }
  return out;
}

/**
 * "Base: 1234abcd000" / "MaxOffset: fff": lspci prints the upper dword (unpadded) when the low dword's
 * PCI_EA_IS_64 bit says there is one, then the low dword with its two flag bits masked off (Base) or set
 * (MaxOffset). The upper dwords follow the entry's two low ones: Base's first, then MaxOffset's.
 */
function entryAddresses(e: { offset: number; dwords: number }, i: number): RegDef[] {
  const regs: RegDef[] = [];
  const baseAt = e.offset + 4;
  const maxAt = e.offset + 8;
  const upper = (c: { at(o: number, s: 4): number }, low: number, at: number) =>
    low & PCI_EA_IS_64 ? c.at(at, 4).toString(16) : '';
  if (e.dwords > 1) {
    const base = says('Base', (v, c) => `Base: ${upper(c, v, maxAt + 4)}${hexWord((v & ~3) >>> 0, 8)}`);
    regs.push(withMeaning(reg(`PCI_EA_BASE${i}`, baseAt, 4, [bit('PCI_EA_IS_64', PCI_EA_IS_64)]), base));
  }
  if (e.dwords > 2) {
    const max = says('MaxOffset', (v, c) => {
      const highAt = c.at(baseAt, 4) & PCI_EA_IS_64 ? maxAt + 8 : maxAt + 4;
      return `MaxOffset: ${upper(c, v, highAt)}${hexWord((v | 3) >>> 0, 8)}`;
    });
    regs.push(withMeaning(reg(`PCI_EA_MAX_OFFSET${i}`, maxAt, 4, [bit('PCI_EA_IS_64', PCI_EA_IS_64)]), max));
  }
  return regs;
}

export const ea: CapabilityDef = {
  id: PCI_CAP_ID_EA,
  macro: 'PCI_CAP_ID_EA',
  name: 'Enhanced Allocation (EA)',
  length: (v) => entries(v).reduce((len, e) => len + e.dwords * 4, isBridge(v) ? 8 : 4),
  registers: (v) => {
    const regs: RegDef[] = [
      reg('PCI_EA_NUM_ENT', PCI_EA_NUM_ENT, 1, [
        bit('PCI_EA_NUM_ENT_MASK', PCI_EA_NUM_ENT_MASK, equals('NumEntries')),
      ]),
    ];
    if (isBridge(v)) {
      // A bridge's fixed bus numbers (pci_ea_fixed_busnrs reads them from this dword).
      regs.push(
        reg('PCI_EA_FIRST_ENT', PCI_EA_FIRST_ENT, 4, [
          bit('PCI_EA_SEC_BUS_MASK', 0xff, equals('secondary')),
          bit('PCI_EA_SUB_BUS_MASK', 0xff00, equals('subordinate')),
        ]),
      );
    }
    entries(v).forEach((e, i) => {
      regs.push(
        reg(`PCI_EA_ENTRY${i}`, e.offset, 4, [
          bit('PCI_EA_ES', PCI_EA_ES, equals('EntrySize')),
          bit(
            'PCI_EA_BEI',
            0xf0,
            says('BAR Equivalent Indicator', (b) => `BAR Equivalent Indicator: ${eaBei(b)}`),
          ),
          bit(
            'PCI_EA_PP',
            0xff00,
            says('PrimaryProperties', (p) => `PrimaryProperties: ${eaProperty(p, false)}`),
          ),
          bit(
            'PCI_EA_SP',
            0xff0000,
            says('SecondaryProperties', (p) => `SecondaryProperties: ${eaProperty(p, true)}`),
          ),
          bit('PCI_EA_WRITABLE', 0x40000000, flag('Writable')),
          bit('PCI_EA_ENABLE', 0x80000000, 'rw', flag('Enable')),
        ]),
        ...entryAddresses(e, i),
      );
    });
    return regs;
  },
};
