/** Routing and isolation: ACS (0x0d), ARI (0x0e), multicast (0x12). */
import { bit, fixedCap, reg, type CapabilityDef, type CapView } from '../layout';
import { flag, says } from '../meaning';

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

export const multicast = fixedCap(0x12, 'PCI_EXT_CAP_ID_MCAST', 'Multicast', 0x30, [
  reg('PCI_MCAST_CAP', 0x04, 2),
  reg('PCI_MCAST_CTRL', 0x06, 2, undefined, 'rw'),
  reg('PCI_MCAST_BASE_LO', 0x08, 4, undefined, 'rw'),
  reg('PCI_MCAST_BASE_HI', 0x0c, 4, undefined, 'rw'),
  reg('PCI_MCAST_RECEIVE_LO', 0x10, 4, undefined, 'rw'),
  reg('PCI_MCAST_RECEIVE_HI', 0x14, 4, undefined, 'rw'),
  reg('PCI_MCAST_BLOCK_ALL_LO', 0x18, 4, undefined, 'rw'),
  reg('PCI_MCAST_BLOCK_ALL_HI', 0x1c, 4, undefined, 'rw'),
  reg('PCI_MCAST_BLOCK_UNTRANS_LO', 0x20, 4, undefined, 'rw'),
  reg('PCI_MCAST_BLOCK_UNTRANS_HI', 0x24, 4, undefined, 'rw'),
  reg('PCI_MCAST_OVERLAY_BAR_LO', 0x28, 4, undefined, 'rw'),
  reg('PCI_MCAST_OVERLAY_BAR_HI', 0x2c, 4, undefined, 'rw'),
]);
