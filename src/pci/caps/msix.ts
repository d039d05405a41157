/** MSI-X (PCI_CAP_ID_MSIX, 0x11): the table and PBA live in a BAR; config space only locates them. */
import { bit, fixedCap, reg } from '../layout';
import { flag, says } from '../meaning';
import { hexWord } from '../vocab';

/** "BAR=0" and "offset=00002000": where a table lives (the offset keeps its low bits clear). */
const bir = says('BAR', (v) => `BAR=${v}`);
const tableOffset = says('offset', (_v, ctx) => `offset=${hexWord((ctx.register & ~7) >>> 0, 8)}`);

export const PCI_CAP_ID_MSIX = 0x11;
export const PCI_MSIX_FLAGS = 2;
export const PCI_MSIX_FLAGS_QSIZE = 0x07ff;
export const PCI_MSIX_FLAGS_MASKALL = 0x4000;
export const PCI_MSIX_FLAGS_ENABLE = 0x8000;
export const PCI_MSIX_TABLE = 4;
export const PCI_MSIX_PBA = 8;

export const msix = fixedCap(PCI_CAP_ID_MSIX, 'PCI_CAP_ID_MSIX', 'MSI-X', 12, [
  reg('PCI_MSIX_FLAGS', PCI_MSIX_FLAGS, 2, [
    bit(
      'PCI_MSIX_FLAGS_QSIZE',
      PCI_MSIX_FLAGS_QSIZE,
      says('Count', (v) => `Count=${v + 1}`),
    ),
    bit('PCI_MSIX_FLAGS_MASKALL', PCI_MSIX_FLAGS_MASKALL, 'rw', flag('Masked')),
    bit('PCI_MSIX_FLAGS_ENABLE', PCI_MSIX_FLAGS_ENABLE, 'rw', flag('Enable')),
  ]),
  // lspci's `Vector table:` and `PBA:` lines.
  reg('PCI_MSIX_TABLE', PCI_MSIX_TABLE, 4, [
    bit('PCI_MSIX_TABLE_BIR', 0x00000007, bir),
    bit('PCI_MSIX_TABLE_OFFSET', 0xfffffff8, tableOffset),
  ]),
  reg('PCI_MSIX_PBA', PCI_MSIX_PBA, 4, [
    bit('PCI_MSIX_PBA_BIR', 0x00000007, bir),
    bit('PCI_MSIX_PBA_OFFSET', 0xfffffff8, tableOffset),
  ]),
]);
