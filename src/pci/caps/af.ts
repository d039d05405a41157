/** PCI Advanced Features (PCI_CAP_ID_AF, 0x13): function-level reset for conventional PCI. */
import { bit, fixedCap, reg } from '../layout';
import { flag } from '../meaning';

export const PCI_CAP_ID_AF = 0x13;
export const PCI_AF_CAP = 3;
export const PCI_AF_CAP_TP = 0x01;
export const PCI_AF_CAP_FLR = 0x02;
export const PCI_AF_CTRL = 4;
export const PCI_AF_CTRL_FLR = 0x01;

export const af = fixedCap(PCI_CAP_ID_AF, 'PCI_CAP_ID_AF', 'PCI Advanced Features', 6, [
  reg('PCI_AF_LENGTH', 2, 1),
  reg('PCI_AF_CAP', PCI_AF_CAP, 1, [
    bit('PCI_AF_CAP_TP', PCI_AF_CAP_TP, flag('TP')),
    bit('PCI_AF_CAP_FLR', PCI_AF_CAP_FLR, flag('FLR')),
  ]),
  reg('PCI_AF_CTRL', PCI_AF_CTRL, 1, [bit('PCI_AF_CTRL_FLR', PCI_AF_CTRL_FLR, 'rw', flag('FLR'))]),
  reg('PCI_AF_STATUS', 5, 1, [bit('PCI_AF_STATUS_TP', 0x01, flag('TP'))]),
]);
