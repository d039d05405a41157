/** I/O virtualization: SR-IOV (0x10) and MR-IOV (0x11). */
import { bit, fixedCap, reg, withMeaning, type RegDef } from '../layout';
import { flag, says } from '../meaning';
import { hexWord } from '../vocab';

/** A VF BAR as lspci's `Region N:` under IOV (the upper half of a 64-bit one is named as such). */
const vfBar = (i: number) =>
  says(`VF Region ${i}`, (v, ctx) => {
    for (let j = 0; j < i; j++) {
      const lo = ctx.at(0x24 + 4 * j, 4);
      if ((lo & 0x6) === 0x4) {
        if (j + 1 === i) return `upper 32 bits of VF Region ${j}`;
        j++;
      }
    }
    if (v === 0 || v === 0xffffffff) return `VF Region ${i}: not implemented`;
    const wide = (v & 0x6) === 0x4;
    const hi = wide && i < 5 ? hexWord(ctx.at(0x24 + 4 * (i + 1), 4), 8) : '';
    const pf = v & 0x8 ? '' : 'non-';
    return `VF Region ${i}: Memory at ${hi}${hexWord((v & 0xfffffff0) >>> 0, 8)} (${wide ? 64 : 32}-bit, ${pf}prefetchable)`;
  });

const vfBars: RegDef[] = [0, 1, 2, 3, 4, 5].map((i) =>
  withMeaning(reg(`PCI_SRIOV_BAR(${i})`, 0x24 + 4 * i, 4, undefined, 'rw'), vfBar(i)),
);
const count = (word: string) => says(word, (v) => `${word}: ${v}`);

export const sriov = fixedCap(0x10, 'PCI_EXT_CAP_ID_SRIOV', 'Single Root I/O Virtualization (SR-IOV)', 0x40, [
  // lspci's IOVCap/IOVCtl/IOVSta lines and the VF layout.
  reg('PCI_SRIOV_CAP', 0x04, 4, [
    bit('PCI_SRIOV_CAP_VFM', 0x00000001, flag('Migration')),
    bit('PCI_SRIOV_CAP_VF_10BIT_TAG_REQ', 0x00000004, flag('10BitTagReq')),
    bit(
      'PCI_SRIOV_CAP_INTR',
      0xffe00000,
      says('Interrupt Message Number', (v) => `Interrupt Message Number: ${hexWord(v, 3)}`),
    ),
  ]),
  reg('PCI_SRIOV_CTRL', 0x08, 2, [
    bit('PCI_SRIOV_CTRL_VFE', 0x01, 'rw', flag('Enable')),
    bit('PCI_SRIOV_CTRL_VFM', 0x02, 'rw', flag('Migration')),
    bit('PCI_SRIOV_CTRL_INTR', 0x04, 'rw', flag('Interrupt')),
    bit('PCI_SRIOV_CTRL_MSE', 0x08, 'rw', flag('MSE')),
    bit('PCI_SRIOV_CTRL_ARI', 0x10, 'rw', flag('ARIHierarchy')),
    bit('PCI_SRIOV_CTRL_VF_10BIT_TAG_REQ_EN', 0x20, 'rw', flag('10BitTagReq')),
  ]),
  reg('PCI_SRIOV_STATUS', 0x0a, 2, [bit('PCI_SRIOV_STATUS_VFM', 0x01, 'rw1c', flag('Migration'))]),
  withMeaning(reg('PCI_SRIOV_INITIAL_VF', 0x0c, 2), count('Initial VFs')),
  withMeaning(reg('PCI_SRIOV_TOTAL_VF', 0x0e, 2), count('Total VFs')),
  withMeaning(reg('PCI_SRIOV_NUM_VF', 0x10, 2, undefined, 'rw'), count('Number of VFs')),
  withMeaning(
    reg('PCI_SRIOV_FUNC_LINK', 0x12, 1),
    says('Function Dependency Link', (v) => `Function Dependency Link: ${hexWord(v, 2)}`),
  ),
  withMeaning(reg('PCI_SRIOV_VF_OFFSET', 0x14, 2), count('VF offset')),
  withMeaning(reg('PCI_SRIOV_VF_STRIDE', 0x16, 2), count('stride')),
  withMeaning(
    reg('PCI_SRIOV_VF_DID', 0x1a, 2),
    says('Device ID', (v) => `Device ID: ${hexWord(v, 4)}`),
  ),
  withMeaning(
    reg('PCI_SRIOV_SUP_PGSIZE', 0x1c, 4),
    says('Supported Page Size', (v) => `Supported Page Size: ${hexWord(v, 8)}`),
  ),
  withMeaning(
    reg('PCI_SRIOV_SYS_PGSIZE', 0x20, 4, undefined, 'rw'),
    says('System Page Size', (v) => `System Page Size: ${hexWord(v, 8)}`),
  ),
  ...vfBars,
  withMeaning(
    reg('PCI_SRIOV_VFM', 0x3c, 4),
    says(
      'VF Migration',
      (v) => `VF Migration: offset: ${hexWord((v & ~7) >>> 0, 8)}, BIR: ${(v & 7).toString(16)}`,
    ),
  ),
]);

export const mriov = fixedCap(0x11, 'PCI_EXT_CAP_ID_MRIOV', 'Multi-Root I/O Virtualization (MR-IOV)', 8, []);
