/** Root-complex topology capabilities; vfio-pci hides them ("root only - don't care"). */
import { bit, fixedCap, reg, type CapabilityDef } from '../layout';

/** Root Complex Link Declaration: 16-byte header then one 16-byte entry per link (count in byte 5). */
export const rcld: CapabilityDef = {
  id: 0x05,
  macro: 'PCI_EXT_CAP_ID_RCLD',
  name: 'Root Complex Link',
  length: (v) => 0x10 + 0x10 * v.u8(5),
  registers: () => [
    reg('PCI_RCLD_ESD', 0x04, 4, [
      bit('PCI_RCLD_ESD_TYPE', 0xf),
      bit('PCI_RCLD_ESD_LINKS', 0xff00),
      bit('PCI_RCLD_ESD_COMPONENT', 0xff0000),
      bit('PCI_RCLD_ESD_PORT', 0xff000000),
    ]),
  ],
};

export const rcilc = fixedCap(0x06, 'PCI_EXT_CAP_ID_RCILC', 'Root Complex Internal Link Control', 12, [
  reg('PCI_RCILC_LNKCAP', 0x04, 4),
  reg('PCI_RCILC_LNKCTL', 0x08, 2, undefined, 'rw'),
  reg('PCI_RCILC_LNKSTA', 0x0a, 2),
]);

export const rcec = fixedCap(0x07, 'PCI_EXT_CAP_ID_RCEC', 'Root Complex Event Collector', 12, [
  reg('PCI_RCEC_RCIEP_BITMAP', 0x04, 4),
  reg('PCI_RCEC_BUSN', 0x08, 4),
]);

export const rcrb = fixedCap(0x0a, 'PCI_EXT_CAP_ID_RCRB', 'Root Complex Register Block', 20, [
  reg('PCI_RCRB_VENDOR_ID', 0x04, 2),
  reg('PCI_RCRB_DEVICE_ID', 0x06, 2),
  reg('PCI_RCRB_CAP', 0x08, 4),
  reg('PCI_RCRB_CTRL', 0x0c, 4, undefined, 'rw'),
]);
