/** MSI-X (PCI_CAP_ID_MSIX, 0x11): the table and PBA live in a BAR; config space only locates them. */
import { bit, fixedCap, reg } from '../layout';

export const PCI_CAP_ID_MSIX = 0x11;
export const PCI_MSIX_FLAGS = 2;
export const PCI_MSIX_FLAGS_QSIZE = 0x07ff;
export const PCI_MSIX_FLAGS_MASKALL = 0x4000;
export const PCI_MSIX_FLAGS_ENABLE = 0x8000;
export const PCI_MSIX_TABLE = 4;
export const PCI_MSIX_PBA = 8;

export const msix = fixedCap(PCI_CAP_ID_MSIX, 'PCI_CAP_ID_MSIX', 'MSI-X', 12, [
  reg('PCI_MSIX_FLAGS', PCI_MSIX_FLAGS, 2, [
    bit('PCI_MSIX_FLAGS_QSIZE', PCI_MSIX_FLAGS_QSIZE),
    bit('PCI_MSIX_FLAGS_MASKALL', PCI_MSIX_FLAGS_MASKALL, 'rw'),
    bit('PCI_MSIX_FLAGS_ENABLE', PCI_MSIX_FLAGS_ENABLE, 'rw'),
  ]),
  reg('PCI_MSIX_TABLE', PCI_MSIX_TABLE, 4, [
    bit('PCI_MSIX_TABLE_BIR', 0x00000007),
    bit('PCI_MSIX_TABLE_OFFSET', 0xfffffff8),
  ]),
  reg('PCI_MSIX_PBA', PCI_MSIX_PBA, 4, [
    bit('PCI_MSIX_PBA_BIR', 0x00000007),
    bit('PCI_MSIX_PBA_OFFSET', 0xfffffff8),
  ]),
]);
