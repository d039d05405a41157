/** "How vfio-pci virtualizes config space": the permission tables of vfio_pci_config.c, register by register. */
import { step, type BuiltinWalkthrough } from '../builtin';

export const CONFIG_SPACE: BuiltinWalkthrough = {
  id: 'config-space',
  title: 'How vfio-pci virtualizes config space',
  summary: 'Permission masks, the virtualized copy, and where every bit a guest reads comes from.',
  steps: [
    step(
      'select=0x4.W',
      'config',
      'Every config byte has two masks in vfio-pci’s [[permission-table]]: **virt** bits are answered from a kernel copy ([[vconfig]]), ' +
        '**write** bits accept the user’s value. Bits with neither come from the device and ignore writes. In ' +
        '`PCI_COMMAND` only INTx-disable is virtual, because vfio-pci masks INTx itself; the other bits reach ' +
        'the device.',
    ),
    step(
      'select=0x10.L&overlay=values',
      'config',
      'BARs are fully virtualized. The user sees the address it wrote, masked by the BAR’s size, so sizing ' +
        'with all-ones works without touching the real BAR (vfio_bar_fixup).',
    ),
    step(
      'select=0x52.W',
      'config',
      'The MSI capability: the low byte of `PCI_MSI_FLAGS` (enable and the vector-count fields) is virtual, ' +
        'because vfio enables MSI itself when the VMM calls `VFIO_DEVICE_SET_IRQS`; the high byte comes from the ' +
        'device. The next pointer is virtual so later capabilities can be hidden.',
    ),
    step(
      'select=0x54.L&overlay=diff-views',
      'config',
      'Three views of the same register: what the guest sees (QEMU’s emulated copy), what the VMM sees (vfio’s ' +
        'vconfig) and what the device holds. The diff overlay marks where they disagree: the MSI address the guest ' +
        'wrote never reaches the device.',
    ),
    step(
      'select=0x54.L&view=guest',
      'config',
      'A guest write of the MSI address goes to QEMU, then into vfio’s config region, and ends in vconfig: the ' +
        'device keeps the host’s message. The write panel shows where each bit landed.',
      [],
      [{ kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee00000 }],
    ),
    step(
      'select=CAP_PM+4.W',
      'config',
      'Power management: a write of the power-state field is not passed through — vfio-pci’s handler moves the ' +
        'device with the PCI core instead — and the PME bits are virtual, since the host handles PME.',
    ),
    step(
      'device=8086-10c9-82576-igb-sriov&select=ECAP_SRIOV+8.W',
      'config',
      'Extended capabilities have no permission tables of their own for SR-IOV: vfio-pci shows it read-only ' +
        '(reads come from the device, writes are dropped), so a user cannot create VFs. QEMU then leaves SR-IOV ' +
        'and ARI out of the chain it builds for the guest.',
    ),
    step(
      'kernel=v6.11&novirt=1&select=0x54.L',
      'config',
      'On v6.11 without the RFC the same ioctl fails with `-ENOTTY` and nothing changes (v7.0 gave 11 to ' +
        '`VFIO_DEVICE_FEATURE_DMA_BUF` and answers this SET with `-EINVAL`): a VMM has to probe for the feature ' +
        'before relying on it.',
    ),
  ],
};
