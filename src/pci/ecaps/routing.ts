/** Routing and isolation: ACS (0x0d), ARI (0x0e), multicast (0x12). */
import { multicastEcrcPort, multicastEndpoint } from '../caps/pcie-ports';
import { expressPortType } from '../caps/pcie-vocab';
import { bit, fixedCap, reg, withMeaning, type CapabilityDef, type CapView } from '../layout';
import { flag, says, type Meaning, type MeaningContext } from '../meaning';

const PCI_ACS_CAP = 0x04;
const PCI_ACS_EC = 0x20;
const PCI_ACS_EGRESS_BITS = 0x05;

// lspci's ACSCap/ACSCtl words.
const ACS_BITS = [
  bit('PCI_ACS_SV', 0x01, flag('SrcValid')),
  bit('PCI_ACS_TB', 0x02, flag('TransBlk')),
  bit('PCI_ACS_RR', 0x04, flag('ReqRedir')),
  bit('PCI_ACS_CR', 0x08, flag('CmpltRedir')),
  bit('PCI_ACS_UF', 0x10, flag('UpstreamFwd')),
  bit('PCI_ACS_EC', PCI_ACS_EC, flag('EgressCtrl')),
  bit('PCI_ACS_DT', 0x40, flag('DirectTrans')),
];

/** vfio_ext_cap_len(): 8, plus the egress control vector when EC is advertised. */
export function acsLength(v: CapView): number {
  if (!(v.u8(PCI_ACS_CAP) & PCI_ACS_EC)) return 8;
  const n = v.u8(PCI_ACS_EGRESS_BITS);
  const bits = n ? Math.ceil(n / 32) * 32 : 256;
  return 8 + bits / 8;
}

export const acs: CapabilityDef = {
  id: 0x0d,
  macro: 'PCI_EXT_CAP_ID_ACS',
  name: 'Access Control Services',
  length: acsLength,
  registers: () => [
    reg('PCI_ACS_CAP', PCI_ACS_CAP, 2, [...ACS_BITS, bit('PCI_ACS_EGRESS_BITS', 0xff00)]),
    reg(
      'PCI_ACS_CTRL',
      0x06,
      2,
      ACS_BITS.map((b) => ({ ...b, access: 'rw' as const })),
    ),
  ],
};

export const ari = fixedCap(0x0e, 'PCI_EXT_CAP_ID_ARI', 'Alternative Routing-ID Interpretation (ARI)', 8, [
  reg('PCI_ARI_CAP', 0x04, 2, [
    bit('PCI_ARI_CAP_MFVC', 0x0001, flag('MFVC')),
    bit('PCI_ARI_CAP_ACS', 0x0002, flag('ACS')),
    bit(
      'PCI_ARI_CAP_NFN',
      0xff00,
      says('Next Function', (v) => `Next Function: ${v}`),
    ),
  ]),
  reg('PCI_ARI_CTRL', 0x06, 2, [
    bit('PCI_ARI_CTRL_MFVC', 0x0001, 'rw', flag('MFVC')),
    bit('PCI_ARI_CTRL_ACS', 0x0002, 'rw', flag('ACS')),
    bit(
      'PCI_ARI_CTRL_FG',
      0x0070,
      'rw',
      says('Function Group', (v) => `Function Group: ${v}`),
    ),
  ]),
]);

// Multicast in the words of pciutils 3.9.0's cap_multicast: what it prints depends on the port type (the
// window size for endpoints, ECRC regeneration for root and switch ports, no overlay BAR for endpoints).
const isEndpoint = (c: MeaningContext) => multicastEndpoint(expressPortType(c));
const isPortOrSwitch = (c: MeaningContext) => multicastEcrcPort(expressPortType(c));
/** A 64-bit register pair as one number, `%016llx`, from the low half's offset. */
const u64At = (c: MeaningContext, low: number, mask = 0n) =>
  ((BigInt(c.at(low + 4, 4)) << 32n) | BigInt(c.at(low, 4))) & ~mask;
/** lspci computes sizes as a C int shift, which wraps at 32 bits exactly as JavaScript's `<<` does. */
export const shl = (n: number) => 1 << n;
const hex64 = (v: bigint) => v.toString(16).padStart(16, '0');
/** Both halves of a 64-bit vector read as lspci's one `Label: %016llx`. */
const vector64 = (label: string, low: number): Meaning =>
  says(label, (_v, c) => `${label}: ${hex64(u64At(c, low))}`);
const pair = (name: string, low: number, meaning: Meaning) => [
  withMeaning(reg(`${name}_LO`, low, 4, undefined, 'rw'), meaning),
  withMeaning(reg(`${name}_HI`, low + 4, 4, undefined, 'rw'), meaning),
];
const MCAST_BASE = says('BaseAddr', (_v, c) => `BaseAddr ${hex64(u64At(c, 0x08, 0xfffn))}`);
const OVERLAY = says('OverlaySize', (_v, c) => {
  if (isEndpoint(c)) return undefined;
  const size = c.at(0x28, 4) & 0x3f;
  return `OverlaySize ${size} ${size >= 6 ? `(${shl(size)} bytes)` : '(disabled)'}, BaseAddr ${hex64(u64At(c, 0x28, 0x3fn))}`;
});

export const multicast = fixedCap(0x12, 'PCI_EXT_CAP_ID_MCAST', 'Multicast', 0x30, [
  reg('PCI_MCAST_CAP', 0x04, 2, [
    bit(
      'PCI_MCAST_CAP_MAX_GROUP',
      0x003f,
      says('MaxGroups', (v) => `MaxGroups ${v + 1}`),
    ),
    bit(
      'PCI_MCAST_CAP_WIN_SIZE',
      0x3f00,
      says('WindowSz', (v, c) => (isEndpoint(c) ? `WindowSz ${v} (${shl(v)} bytes)` : undefined)),
    ),
    bit(
      'PCI_MCAST_CAP_ECRC',
      0x8000,
      says('ECRCRegen', (v, c) => (isPortOrSwitch(c) ? `ECRCRegen${v ? '+' : '-'}` : undefined)),
    ),
  ]),
  reg('PCI_MCAST_CTRL', 0x06, 2, [
    bit(
      'PCI_MCAST_CTRL_NUM_GROUP',
      0x003f,
      'rw',
      says('NumGroups', (v) => `NumGroups ${v + 1}`),
    ),
    bit('PCI_MCAST_CTRL_ENABLE', 0x8000, 'rw', flag('Enable')),
  ]),
  withMeaning(
    reg('PCI_MCAST_BASE_LO', 0x08, 4, [
      bit(
        'PCI_MCAST_BASE_INDEX_POS',
        0x3f,
        'rw',
        says('IndexPos', (v) => `IndexPos ${v}`),
      ),
    ]),
    MCAST_BASE,
  ),
  withMeaning(reg('PCI_MCAST_BASE_HI', 0x0c, 4, undefined, 'rw'), MCAST_BASE),
  ...pair('PCI_MCAST_RECEIVE', 0x10, vector64('McastReceiveVec', 0x10)),
  ...pair('PCI_MCAST_BLOCK_ALL', 0x18, vector64('McastBlockAllVec', 0x18)),
  ...pair('PCI_MCAST_BLOCK_UNTRANS', 0x20, vector64('McastBlockUntransVec', 0x20)),
  ...pair('PCI_MCAST_OVERLAY_BAR', 0x28, OVERLAY),
]);
