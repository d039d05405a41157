/** Vital Product Data (PCI_CAP_ID_VPD, 0x03): an address/data window onto a serial EEPROM. */
import { bit, fixedCap, reg } from '../layout';

export const PCI_CAP_ID_VPD = 0x03;
export const PCI_VPD_ADDR = 2;
export const PCI_VPD_ADDR_F = 0x8000;
export const PCI_VPD_DATA = 4;

export const vpd = fixedCap(PCI_CAP_ID_VPD, 'PCI_CAP_ID_VPD', 'Vital Product Data', 8, [
  reg('PCI_VPD_ADDR', PCI_VPD_ADDR, 2, [
    bit('PCI_VPD_ADDR_MASK', 0x7fff, 'rw'),
    bit('PCI_VPD_ADDR_F', PCI_VPD_ADDR_F, 'rw'),
  ]),
  reg('PCI_VPD_DATA', PCI_VPD_DATA, 4, undefined, 'rw'),
]);
