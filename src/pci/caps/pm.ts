/** PCI Power Management (PCI_CAP_ID_PM, 0x01). */
import { bit, fixedCap, reg, shownRegister, withMeaning } from '../layout';
import { counted, flag, named, says } from '../meaning';

export const PCI_CAP_ID_PM = 0x01;
export const PCI_PM_PMC = 2;
export const PCI_PM_CTRL = 4;
export const PCI_PM_CAP_PME_MASK = 0xf800;
export const PCI_PM_CTRL_STATE_MASK = 0x0003;
export const PCI_PM_CTRL_PME_ENABLE = 0x0100;
export const PCI_PM_CTRL_PME_STATUS = 0x8000;

/** Aux current in mA, by PMC[8:6]. */
const AUX_CURRENT = says('AuxCurrent', (v) => `AuxCurrent=${[0, 55, 100, 160, 220, 270, 320, 375][v]}mA`);
/** PMC[15:11]: the states PME can be signalled from, "PME(D0+,D1-,D2-,D3hot+,D3cold+)". */
const PME_FROM = says('PME', (v) => {
  const states = ['D0', 'D1', 'D2', 'D3hot', 'D3cold'];
  return `PME(${states.map((s, i) => `${s}${(v >> i) & 1 ? '+' : '-'}`).join(',')})`;
});

export const pm = fixedCap(PCI_CAP_ID_PM, 'PCI_CAP_ID_PM', 'Power Management', 8, [
  // lspci's `Flags:` line.
  reg('PCI_PM_PMC', PCI_PM_PMC, 2, [
    bit('PCI_PM_CAP_VER_MASK', 0x0007, counted('version')),
    bit('PCI_PM_CAP_PME_CLOCK', 0x0008, flag('PMEClk')),
    bit('PCI_PM_CAP_DSI', 0x0020, flag('DSI')),
    bit('PCI_PM_CAP_AUX_POWER', 0x01c0, AUX_CURRENT),
    bit('PCI_PM_CAP_D1', 0x0200, flag('D1')),
    bit('PCI_PM_CAP_D2', 0x0400, flag('D2')),
    bit('PCI_PM_CAP_PME_MASK', PCI_PM_CAP_PME_MASK, PME_FROM),
  ]),
  // lspci's `Status:` line.
  reg('PCI_PM_CTRL', PCI_PM_CTRL, 2, [
    bit(
      'PCI_PM_CTRL_STATE_MASK',
      PCI_PM_CTRL_STATE_MASK,
      'rw',
      named(undefined, ['D0', 'D1', 'D2', 'D3hot']),
    ),
    bit('PCI_PM_CTRL_NO_SOFT_RESET', 0x0008, flag('NoSoftRst')),
    bit('PCI_PM_CTRL_PME_ENABLE', PCI_PM_CTRL_PME_ENABLE, 'rw', flag('PME-Enable')),
    bit(
      'PCI_PM_CTRL_DATA_SEL_MASK',
      0x1e00,
      'rw',
      says('DSel', (v) => `DSel=${v}`),
    ),
    bit(
      'PCI_PM_CTRL_DATA_SCALE_MASK',
      0x6000,
      says('DScale', (v) => `DScale=${v}`),
    ),
    bit('PCI_PM_CTRL_PME_STATUS', PCI_PM_CTRL_PME_STATUS, 'rw1c', flag('PME')),
  ]),
  // A bridge's `Bridge: PM± B3±` line, which lspci (cap_pm) prints only when the byte is not zero; B3 is
  // the inverse of the B2_B3 bit.
  shownRegister(
    (c) => c.register !== 0,
    reg('PCI_PM_PPB_EXTENSIONS', 6, 1, [
      bit(
        'PCI_PM_PPB_B2_B3',
        0x40,
        says('B3', (v) => `B3${v ? '-' : '+'}`),
      ),
      bit('PCI_PM_BPCC_ENABLE', 0x80, flag('PM')),
    ]),
  ),
  withMeaning(reg('PCI_PM_DATA_REGISTER', 7, 1), counted('Data')),
]);
