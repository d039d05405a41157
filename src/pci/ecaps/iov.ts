/** I/O virtualization: SR-IOV (0x10) and MR-IOV (0x11). */
import { bit, fixedCap, reg, type RegDef } from '../layout';

const vfBars: RegDef[] = [0, 1, 2, 3, 4, 5].map((i) =>
  reg(`PCI_SRIOV_BAR(${i})`, 0x24 + 4 * i, 4, undefined, 'rw'),
);

export const sriov = fixedCap(0x10, 'PCI_EXT_CAP_ID_SRIOV', 'Single Root I/O Virtualization (SR-IOV)', 0x40, [
  reg('PCI_SRIOV_CAP', 0x04, 4, [
    bit('PCI_SRIOV_CAP_VFM', 0x00000001),
    bit('PCI_SRIOV_CAP_INTR', 0xffe00000),
  ]),
  reg('PCI_SRIOV_CTRL', 0x08, 2, [
    bit('PCI_SRIOV_CTRL_VFE', 0x01, 'rw'),
    bit('PCI_SRIOV_CTRL_VFM', 0x02, 'rw'),
    bit('PCI_SRIOV_CTRL_INTR', 0x04, 'rw'),
    bit('PCI_SRIOV_CTRL_MSE', 0x08, 'rw'),
    bit('PCI_SRIOV_CTRL_ARI', 0x10, 'rw'),
  ]),
  reg('PCI_SRIOV_STATUS', 0x0a, 2, [bit('PCI_SRIOV_STATUS_VFM', 0x01, 'rw1c')]),
  reg('PCI_SRIOV_INITIAL_VF', 0x0c, 2),
  reg('PCI_SRIOV_TOTAL_VF', 0x0e, 2),
  reg('PCI_SRIOV_NUM_VF', 0x10, 2, undefined, 'rw'),
  reg('PCI_SRIOV_FUNC_LINK', 0x12, 1),
  reg('PCI_SRIOV_VF_OFFSET', 0x14, 2),
  reg('PCI_SRIOV_VF_STRIDE', 0x16, 2),
  reg('PCI_SRIOV_VF_DID', 0x1a, 2),
  reg('PCI_SRIOV_SUP_PGSIZE', 0x1c, 4),
  reg('PCI_SRIOV_SYS_PGSIZE', 0x20, 4, undefined, 'rw'),
  ...vfBars,
  reg('PCI_SRIOV_VFM', 0x3c, 4),
]);

export const mriov = fixedCap(0x11, 'PCI_EXT_CAP_ID_MRIOV', 'Multi-Root I/O Virtualization (MR-IOV)', 8, []);
