/**
 * Link and physical layer: secondary PCIe (0x19), data link feature (0x25), 16/32/64 GT/s physical layers
 * (0x26, 0x2a, 0x31) and lane margining (0x27). Several carry one entry per lane, sized from the PCIe
 * capability's maximum link width.
 */
import { bit, fixedCap, reg, withMeaning, type CapabilityDef, type CapView, type RegDef } from '../layout';
import { flag, says } from '../meaning';

const roundUp4 = (n: number) => Math.ceil(n / 4) * 4;

function laneCap(
  id: number,
  macro: string,
  name: string,
  fixed: RegDef[],
  laneBase: number,
  bytesPerLane: number,
): CapabilityDef {
  return {
    id,
    macro,
    name,
    length: (v: CapView) => roundUp4(laneBase + bytesPerLane * v.linkWidth),
    registers: () => fixed,
  };
}

/** The lanes whose error bit is set, of the 16 lspci looks at; "0" when none is. */
const LANE_ERRORS = says('LaneErrStat', (v) => {
  const lanes = [...Array(16).keys()].filter((l) => (v >> l) & 1);
  return `LaneErrStat: ${lanes.length ? `LaneErr at lane: ${lanes.join(' ')}` : '0'}`;
});

export const secondaryPcie = laneCap(
  0x19,
  'PCI_EXT_CAP_ID_SECPCI',
  'Secondary PCI Express',
  // lspci 3.9.0's cap_sec words: "LnkCtl3: LnkEquIntrruptEn- PerformEqu-", "LaneErrStat: LaneErr at lane: 0 3".
  [
    reg('PCI_EXP_LNKCTL3', 0x04, 4, [
      bit('PCI_EXP_LNKCTL3_PE', 0x1, 'rw', flag('PerformEqu')),
      bit('PCI_EXP_LNKCTL3_LERIE', 0x2, 'rw', flag('LnkEquIntrruptEn')),
    ]),
    withMeaning(reg('PCI_EXP_LANE_ERR_STA', 0x08, 4, undefined, 'rw1c'), LANE_ERRORS),
  ],
  0x0c,
  2,
);

export const dataLinkFeature = fixedCap(0x25, 'PCI_EXT_CAP_ID_DLF', 'Data Link Feature', 12, [
  reg('PCI_DLF_CAP', 0x04, 4, undefined, 'rw'),
  reg('PCI_DLF_STATUS', 0x08, 4),
]);

export const pl16gt = laneCap(
  0x26,
  'PCI_EXT_CAP_ID_PL_16GT',
  'Physical Layer 16.0 GT/s',
  [
    reg('PCI_PL_16GT_CAP', 0x04, 4),
    reg('PCI_PL_16GT_CTRL', 0x08, 4, undefined, 'rw'),
    reg('PCI_PL_16GT_STATUS', 0x0c, 4),
    reg('PCI_PL_16GT_LDPM', 0x10, 4),
    reg('PCI_PL_16GT_FDPM', 0x14, 4),
    reg('PCI_PL_16GT_RDPM', 0x18, 4),
  ],
  0x20,
  1,
);

export const laneMargining = laneCap(
  0x27,
  'PCI_EXT_CAP_ID_LMR',
  'Lane Margining at the Receiver',
  [reg('PCI_LMR_PORT_CAP', 0x04, 2), reg('PCI_LMR_PORT_STATUS', 0x06, 2)],
  0x08,
  4,
);

export const pl32gt = laneCap(
  0x2a,
  'PCI_EXT_CAP_ID_PL_32GT',
  'Physical Layer 32.0 GT/s',
  [
    reg('PCI_PL_32GT_CAP', 0x04, 4),
    reg('PCI_PL_32GT_CTRL', 0x08, 4, undefined, 'rw'),
    reg('PCI_PL_32GT_STATUS', 0x0c, 4),
  ],
  0x20,
  1,
);

export const pl64gt = laneCap(
  0x31,
  'PCI_EXT_CAP_ID_PL_64GT',
  'Physical Layer 64.0 GT/s',
  [
    reg('PCI_PL_64GT_CAP', 0x04, 4),
    reg('PCI_PL_64GT_CTRL', 0x08, 4, undefined, 'rw'),
    reg('PCI_PL_64GT_STATUS', 0x0c, 4),
  ],
  0x10,
  1,
);
