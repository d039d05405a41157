/**
 * A preset deflate dictionary for link tokens: the words and key shapes that walkthrough notes and
 * states repeat, so a short note costs a few back-references instead of its letters. It is part of link
 * format 1 — changing a byte would corrupt every token ever made — so a better dictionary means a new
 * LINK_VERSION (with this one kept for the old links).
 */
import { strToU8 } from 'fflate';

const WORDS = [
  'PCI_MSI_FLAGS PCI_MSI_ADDRESS_LO PCI_MSI_ADDRESS_HI PCI_MSI_DATA_32 PCI_MSI_DATA_64 PCI_MSI_MASK_BIT',
  'VFIO_DEVICE_SET_IRQS VFIO_DEVICE_FEATURE PCI_MSI_NOVIRT vfio-pci vconfig QEMU KVM irqfd IRTE VT-d DMAR',
  'interrupt remapping posted interrupts irq_domain IMS MSI-X table vector vCPU LAPIC APIC ID 0xfee00000',
  'the guest writes the host message the device the driver the kernel the quirk the IOMMU blocks it fault',
  'ath11k rings copy the MSI address and data into its own registers config space permission bits',
  ' is virtualized; only the physical value reads the hardware when the feature is set. This step shows ',
  'The patch, what it changes in the masks, why QEMU still shows the guest its own values, and where ',
  '"},{"q":"device=custom&select=0x54.L&scenario=S2&step=","n":"","h":"config"},{"h":"paths"}',
  '"o":[["g",84,4,"d":{"n":"","b":0},"w":{"t":"","s":[{"q":"novirt=1&overlay=diff-novirt&view=guest&',
];

export const TOKEN_DICTIONARY = strToU8(WORDS.join(' '));
