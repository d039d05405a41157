/** "The MSI_NOVIRT review": one step per argument of the RFC thread, in the project's own words. */
import { step, type BuiltinWalkthrough } from '../builtin';
import * as R from './refs';

export const NOVIRT_REVIEW: BuiltinWalkthrough = {
  id: 'novirt-review',
  title: 'The MSI_NOVIRT review',
  summary: 'An RFC, a QEMU quirk, and the designs reviewers proposed instead — each one run.',
  steps: [
    step(
      'scenario=S2&step=58',
      'paths',
      'The bug. The ath11k driver copies its MSI address and data into ring registers of the chip. In a VM those ' +
        'copies hold the **guest** message `0xfee00000/0x21`; the chip sends it, and VT-d blocks it as a ' +
        'compatibility-format request (fault **0x25**). Only the firmware interrupt, which uses the real MSI ' +
        'capability, gets through.',
      [R.BUGZILLA, R.GUEST_LOG],
    ),
    step(
      'select=0x54.L&overlay=diff-novirt',
      'config',
      'The patch. `VFIO_DEVICE_FEATURE` SET with feature **11** (`PCI_MSI_NOVIRT`) rewrites vfio-pci’s ' +
        'permission table for the MSI capability: `PCI_MSI_ADDRESS_LO` and `PCI_MSI_DATA_32` stop being ' +
        'virtualized and stop being writable. The overlay marks exactly the bits that change.',
      [R.RFC_PATCH],
    ),
    step(
      'novirt=1&select=0x54.L',
      'config',
      'After the ioctl the VMM reads the **host** message straight from the device: `0xfee00578`, the ' +
        'remappable-format address the host kernel programmed. Writes there are now dropped, so the VMM can look ' +
        'but not touch.',
      [R.RFC_PATCH],
    ),
    step(
      'novirt=1&select=0x54.L&view=guest',
      'config',
      'Nothing changes for the guest. QEMU answers guest reads of the MSI capability from its own emulated copy, ' +
        'so the guest still sees the address it wrote. The feature only gives QEMU the host values it needs for ' +
        'the quirk — a point that had to be made twice in the thread.',
      [R.ALEX_REPLY],
    ),
    step(
      'scenario=S3&step=16',
      'paths',
      'The quirk. QEMU traps the BAR0 window where ath11k programs its rings. When the driver writes the guest ' +
        'MSI address there, QEMU swaps in the host address it read through the un-virtualized capability, and ' +
        'arms the next data write to be translated the same way. Every ring now raises a real interrupt.',
      [R.QEMU_QUIRK],
    ),
    step(
      'scenario=S4&o.branch=ims&step=118',
      'paths',
      'The objection. The quirk only works because the driver **reuses** the message already in the MSI ' +
        'capability. A driver rewritten the proper way — a device-specific irq_domain giving each source its own ' +
        'message — writes values QEMU has never seen, so nothing is translated and VT-d blocks them again.',
      [R.JASON_OBJECTS, R.THOMAS],
    ),
    step(
      'scenario=S5&step=32',
      'paths',
      'The alternative design: a vfio variant driver exposes the extra interrupt sources as their own IRQ ' +
        'index; the VMM traps each source’s programming and calls `VFIO_DEVICE_SET_IRQS` for it; the host ' +
        'allocates a unique IRQ and remapping entry and writes the host message itself. No copying, no reuse ' +
        'assumption — but no such variant driver exists today.',
      [R.JASON_DESIGN],
    ),
    step(
      'scenario=S7&step=124',
      'paths',
      'The wish. If the IOMMU accepted the guest’s own message and translated it — as it already does for DMA ' +
        'addresses — nobody would need to intercept MSI programming at all. Posted interrupts come close on the ' +
        'delivery side: here the IRTE posts straight into the vCPU without a host handler or a VM exit.',
      [R.DAVID_FANTASY],
    ),
    step(
      'scenario=S8&o.branch=viommu&step=24',
      'paths',
      'A route that exists: give the guest a virtual IOMMU with interrupt remapping and let the VMM shadow its ' +
        'table into the physical one. The guest then programs remappable messages, and it can also address ' +
        'vCPUs above APIC ID 255, here vCPU 287.',
      [R.IR_SHADOW],
    ),
    step(
      'scenario=S8&o.branch=ext-dest-id&step=25',
      'paths',
      'Without a vIOMMU, more than 255 vCPUs need the extended destination ID convention, which borrows address ' +
        'bits 11:5. The firmware interrupt reaches vCPU 287, but the rings, carrying a guest message the host ' +
        'never approved, are still blocked.',
      [R.DAVID_FANTASY],
    ),
    step(
      'scenario=S2&vs=S3&step=14',
      'paths',
      'The discovery problem. A guest cannot tell whether its VMM fixes this device up, so it cannot choose ' +
        'between the reused message and a cleaner design. Earlier attempts to advertise such support in ' +
        'virtual config space went nowhere; side by side, the same guest writes lead to opposite outcomes.',
      [R.DISCOVERY, R.ADVERTISE],
    ),
  ],
};
