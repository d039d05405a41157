/** "MSI, MSI-X and IMS": where each kind of interrupt keeps its message, and who gets to write it. */
import { step, type BuiltinWalkthrough } from '../builtin';
import * as R from './refs';

export const MSI_MSIX_IMS: BuiltinWalkthrough = {
  id: 'msi-msix-ims',
  title: 'MSI, MSI-X and IMS',
  summary: 'One message in config space, a table in a BAR, or storage only the device knows.',
  steps: [
    step(
      'select=0x52.W&overlay=values',
      'config',
      'MSI keeps one address and one data value in config space. A device asking for 32 vectors gets them as a ' +
        'block: the low bits of the data select the vector.',
    ),
    step(
      'scenario=S2&step=5',
      'paths',
      'A Linux guest without interrupt remapping (no [[viommu]]) cannot allocate a block of MSI vectors, so ath11k falls back ' +
        'to a single MSI and shares one message among all its sources.',
      [R.ONE_MSI_FIX],
    ),
    step(
      'scenario=S2&step=20',
      'paths',
      'With one vector the driver takes the data base from the kernel’s cached message and copies address and ' +
        'data into every ring — the copy that breaks in a VM.',
    ),
    step(
      'device=8086-10c9-82576-igb-sriov&select=CAP_MSIX+2.W&scenario=S6&step=11',
      'paths',
      'MSI-X puts a table of messages in a BAR. QEMU emulates that table, so a guest programming an entry ' +
        'touches nothing on the device.',
    ),
    step(
      'device=8086-10c9-82576-igb-sriov&select=CAP_MSIX+2.W&scenario=S6&step=16',
      'paths',
      'When the guest unmasks an entry, QEMU calls `VFIO_DEVICE_SET_IRQS` for that one vector and the host writes ' +
        'its own message into the physical table. One source, one host IRQ, one remapping entry.',
    ),
    step(
      'scenario=S4&o.branch=ims&step=127',
      'paths',
      '[[ims|IMS]] (interrupt message store) keeps messages in device-specific registers. If the guest gives a source its ' +
        'own message there, no existing host message matches it and the quirk cannot help.',
      [R.JASON_DESIGN.ref],
    ),
    step(
      'scenario=S5&step=26',
      'paths',
      'Treating IMS like MSI-X: a [[variant-driver]] exposes a device-specific IRQ index, and `VFIO_DEVICE_SET_IRQS` for each source the guest ' +
        'programs. The host composes the message and writes the device’s register itself.',
      [R.JASON_DESIGN.ref],
    ),
  ],
};
