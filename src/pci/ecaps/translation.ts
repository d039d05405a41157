/** Address translation with an IOMMU: ATS (0x0f), PRI (0x13), PASID (0x1b). */
import { bit, fixedCap, reg, withMeaning } from '../layout';
import { flag } from '../meaning';
import { hexLabelled } from '../vocab';

export const ats = fixedCap(0x0f, 'PCI_EXT_CAP_ID_ATS', 'Address Translation Service (ATS)', 8, [
  reg('PCI_ATS_CAP', 0x04, 2, [
    bit('PCI_ATS_CAP_QDEP', 0x001f, hexLabelled('Invalidate Queue Depth', 2)),
    bit('PCI_ATS_CAP_PAGE_ALIGNED', 0x0020, flag('PageAligned')),
  ]),
  reg('PCI_ATS_CTRL', 0x06, 2, [
    bit('PCI_ATS_CTRL_STU', 0x001f, 'rw', hexLabelled('Smallest Translation Unit', 2)),
    bit('PCI_ATS_CTRL_ENABLE', 0x8000, 'rw', flag('Enable')),
  ]),
]);

export const pri = fixedCap(0x13, 'PCI_EXT_CAP_ID_PRI', 'Page Request Interface (PRI)', 16, [
  reg('PCI_PRI_CTRL', 0x04, 2, [
    bit('PCI_PRI_CTRL_ENABLE', 0x0001, 'rw', flag('Enable')),
    bit('PCI_PRI_CTRL_RESET', 0x0002, 'rw', flag('Reset')),
  ]),
  reg('PCI_PRI_STATUS', 0x06, 2, [
    bit('PCI_PRI_STATUS_RF', 0x0001, 'rw1c', flag('RF')),
    bit('PCI_PRI_STATUS_UPRGI', 0x0002, 'rw1c', flag('UPRGI')),
    bit('PCI_PRI_STATUS_STOPPED', 0x0100, flag('Stopped')),
    bit('PCI_PRI_STATUS_PASID', 0x8000, flag('PASID')),
  ]),
  withMeaning(reg('PCI_PRI_MAX_REQ', 0x08, 4), hexLabelled('Page Request Capacity', 8)),
  withMeaning(reg('PCI_PRI_ALLOC_REQ', 0x0c, 4, undefined, 'rw'), hexLabelled('Page Request Allocation', 8)),
]);

export const pasid = fixedCap(0x1b, 'PCI_EXT_CAP_ID_PASID', 'Process Address Space ID (PASID)', 8, [
  reg('PCI_PASID_CAP', 0x04, 2, [
    bit('PCI_PASID_CAP_EXEC', 0x0002, flag('Exec')),
    bit('PCI_PASID_CAP_PRIV', 0x0004, flag('Priv')),
    bit('PCI_PASID_CAP_WIDTH', 0x1f00, hexLabelled('Max PASID Width', 2)),
  ]),
  reg('PCI_PASID_CTRL', 0x06, 2, [
    bit('PCI_PASID_CTRL_ENABLE', 0x0001, 'rw', flag('Enable')),
    bit('PCI_PASID_CTRL_EXEC', 0x0002, 'rw', flag('Exec')),
    bit('PCI_PASID_CTRL_PRIV', 0x0004, 'rw', flag('Priv')),
  ]),
]);
