/**
 * Root-complex topology capabilities; vfio-pci hides them ("root only - don't care"). Meanings are the
 * words of pciutils 3.9.0's cap_rclink and cap_rcec (ls-ecaps.c); the internal link (0x06) and register
 * block (0x0a) lspci only names.
 */
import { bit, fixedCap, reg, withMeaning, type CapabilityDef, type RegDef } from '../layout';
import { equals, flag, says, type MeaningContext } from '../meaning';
import { hexWord, tableName } from '../vocab';

const hex2 = (v: number) => hexWord(v, 2);
const RCLD_ELEMENT_TYPES = ['Config', 'Egress', 'Internal'];
const PCI_RCLD_LINK_TYPE_CONFIG = 0x2;

/** A link's target: "Addr: 00:1c.0 CfgSpace=…" for a configuration-space link, the address otherwise. */
function linkAddress(desc: number, c: MeaningContext): (lo: number) => string {
  return (lo) => {
    const hi = hexWord(c.at(desc + 12, 4), 8);
    if (!(c.at(desc, 4) & PCI_RCLD_LINK_TYPE_CONFIG)) return `Addr: ${hi}${hexWord(lo, 8)}`;
    const busBits = lo & 7 || 8;
    const bus = (lo >>> 20) & ((1 << busBits) - 1);
    return `Addr: ${hex2(bus)}:${hex2((lo >>> 15) & 0x1f)}.${(lo >>> 12) & 7} CfgSpace=${hi}${hexWord(lo, 8)}`;
  };
}

function linkEntry(i: number): RegDef[] {
  const at = 0x10 + 0x10 * i;
  return [
    reg(`PCI_RCLD_LINK_DESC(${i})`, at, 4, [
      bit('PCI_RCLD_LINK_VALID', 0x1, flag('LinkValid')),
      bit(
        'PCI_RCLD_LINK_TYPE',
        PCI_RCLD_LINK_TYPE_CONFIG,
        equals('LinkType', (v) => (v ? 'Config' : 'MemMapped')),
      ),
      bit('PCI_RCLD_LINK_ASSOC_RCRB', 0x4, flag('AssocRCRB')),
      bit('PCI_RCLD_LINK_COMPONENT', 0xff0000, equals('TargetComponent', hex2)),
      bit('PCI_RCLD_LINK_PORT', 0xff000000, equals('TargetPort', hex2)),
    ]),
    withMeaning(
      reg(`PCI_RCLD_LINK_ADDR_LO(${i})`, at + 8, 4),
      says('Addr', (lo, c) => linkAddress(at, c)(lo)),
    ),
    reg(`PCI_RCLD_LINK_ADDR_HI(${i})`, at + 12, 4),
  ];
}

/** Root Complex Link Declaration: 16-byte header then one 16-byte entry per link (count in byte 5). */
export const rcld: CapabilityDef = {
  id: 0x05,
  macro: 'PCI_EXT_CAP_ID_RCLD',
  name: 'Root Complex Link',
  length: (v) => 0x10 + 0x10 * v.u8(5),
  registers: (v) => [
    reg('PCI_RCLD_ESD', 0x04, 4, [
      bit(
        'PCI_RCLD_ESD_TYPE',
        0xf,
        equals('EltType', (t) => tableName(RCLD_ELEMENT_TYPES, t)),
      ),
      bit('PCI_RCLD_ESD_LINKS', 0xff00),
      bit('PCI_RCLD_ESD_COMPONENT', 0xff0000, equals('ComponentID', hex2)),
      bit('PCI_RCLD_ESD_PORT', 0xff000000, equals('PortNumber', hex2)),
    ]),
    ...Array.from({ length: v.u8(5) }, (_, i) => linkEntry(i)).flat(),
  ],
};

export const rcilc = fixedCap(0x06, 'PCI_EXT_CAP_ID_RCILC', 'Root Complex Internal Link Control', 12, [
  reg('PCI_RCILC_LNKCAP', 0x04, 4),
  reg('PCI_RCILC_LNKCTL', 0x08, 2, undefined, 'rw'),
  reg('PCI_RCILC_LNKSTA', 0x0a, 2),
]);

/**
 * The device numbers set in an RCiEP bitmap as lspci 3.9.0 lists them (" 0, 8-9, 12"): runs of adjacent
 * devices as `first-last`, except that a run reaching device 31 shows only its first number (cap_rcec closes
 * a run when it meets a clear bit, and there is none after 31).
 */
export function deviceRuns(bitmap: number): string {
  let text = '';
  let run = 0;
  let last = 0;
  for (let dev = 0; dev < 32; dev++) {
    if ((bitmap >>> dev) & 1) {
      if (!run) text += `${text ? ',' : ''} ${dev}`;
      run++;
      last = dev;
    } else {
      if (run > 1) text += `-${last}`;
      run = 0;
    }
  }
  return text;
}

const PCI_RCEC_BUSN_NONE = 0x00ff00;

export const rcec = fixedCap(0x07, 'PCI_EXT_CAP_ID_RCEC', 'Root Complex Event Collector', 12, [
  withMeaning(
    reg('PCI_RCEC_RCIEP_BITMAP', 0x04, 4),
    says('RCiEPBitmap', (v) => `RCiEPBitmap: ${v ? `RCiEP at Device(s):${deviceRuns(v)}` : '00000000 [none]'}`),
  ),
  // Version 2 and later only (lspci prints nothing for version 1).
  withMeaning(
    reg('PCI_RCEC_BUSN', 0x08, 4),
    says('AssociatedBusNumbers', (v, c) => {
      if (((c.at(0, 4) >>> 16) & 0xf) < 2) return undefined;
      const next = (v >> 8) & 0xff;
      const last = (v >> 16) & 0xff;
      const text = (v & 0xffff00) === PCI_RCEC_BUSN_NONE ? 'ff-00 [none]' : `${hex2(next)}-${hex2(last)}`;
      return `AssociatedBusNumbers: ${text}`;
    }),
  ),
]);

export const rcrb = fixedCap(0x0a, 'PCI_EXT_CAP_ID_RCRB', 'Root Complex Register Block', 20, [
  reg('PCI_RCRB_VENDOR_ID', 0x04, 2),
  reg('PCI_RCRB_DEVICE_ID', 0x06, 2),
  reg('PCI_RCRB_CAP', 0x08, 4),
  reg('PCI_RCRB_CTRL', 0x0c, 4, undefined, 'rw'),
]);
