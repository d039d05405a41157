/** PCI Power Management (PCI_CAP_ID_PM, 0x01). */
import { bit, fixedCap, reg } from '../layout';

export const PCI_CAP_ID_PM = 0x01;
export const PCI_PM_PMC = 2;
export const PCI_PM_CTRL = 4;
export const PCI_PM_CAP_PME_MASK = 0xf800;
export const PCI_PM_CTRL_STATE_MASK = 0x0003;
export const PCI_PM_CTRL_PME_ENABLE = 0x0100;
export const PCI_PM_CTRL_PME_STATUS = 0x8000;

export const pm = fixedCap(PCI_CAP_ID_PM, 'PCI_CAP_ID_PM', 'Power Management', 8, [
  reg('PCI_PM_PMC', PCI_PM_PMC, 2, [
    bit('PCI_PM_CAP_VER_MASK', 0x0007),
    bit('PCI_PM_CAP_PME_CLOCK', 0x0008),
    bit('PCI_PM_CAP_DSI', 0x0020),
    bit('PCI_PM_CAP_AUX_POWER', 0x01c0),
    bit('PCI_PM_CAP_D1', 0x0200),
    bit('PCI_PM_CAP_D2', 0x0400),
    bit('PCI_PM_CAP_PME_MASK', PCI_PM_CAP_PME_MASK),
  ]),
  reg('PCI_PM_CTRL', PCI_PM_CTRL, 2, [
    bit('PCI_PM_CTRL_STATE_MASK', PCI_PM_CTRL_STATE_MASK, 'rw'),
    bit('PCI_PM_CTRL_NO_SOFT_RESET', 0x0008),
    bit('PCI_PM_CTRL_PME_ENABLE', PCI_PM_CTRL_PME_ENABLE, 'rw'),
    bit('PCI_PM_CTRL_DATA_SEL_MASK', 0x1e00, 'rw'),
    bit('PCI_PM_CTRL_DATA_SCALE_MASK', 0x6000),
    bit('PCI_PM_CTRL_PME_STATUS', PCI_PM_CTRL_PME_STATUS, 'rw1c'),
  ]),
  reg('PCI_PM_PPB_EXTENSIONS', 6, 1),
  reg('PCI_PM_DATA_REGISTER', 7, 1),
]);
