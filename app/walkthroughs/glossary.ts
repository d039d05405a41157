/**
 * The terms the walkthrough notes lean on, defined once in the project's words. A note links a term as
 * `[[key]]` or `[[key|shown text]]`; the note renders it as a button whose definition opens on hover or
 * keyboard focus. A key missing here renders as its plain text.
 */
export interface GlossaryEntry {
  /** How the term is shown when a note does not give its own text. */
  readonly term: string;
  readonly definition: string;
}

export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = {
  vconfig: {
    term: 'vconfig',
    definition:
      'vfio-pci’s private copy of a device’s config space. Bits marked virtual in the permission table are ' +
      'read from and written to this copy instead of the device.',
  },
  'permission-table': {
    term: 'permission table',
    definition:
      'Per capability, two bit masks over its bytes in vfio_pci_config.c: which bits are virtual (served from ' +
      'vconfig) and which bits the user may write. A bit that is not virtual is read from the device; a ' +
      'write reaches vconfig or the device only where the bit is writable, and is discarded elsewhere.',
  },
  'vt-d': {
    term: 'VT-d',
    definition:
      'Intel’s IOMMU. Besides translating DMA it can remap interrupts: every MSI a device sends is checked ' +
      'and rewritten through a table the host owns.',
  },
  'compat-format': {
    term: 'compatibility format',
    definition:
      'The original x86 MSI layout: the address carries the destination APIC ID, the data carries the ' +
      'vector. With remapping enabled and compatibility interrupts disallowed, VT-d rejects such messages.',
  },
  'remappable-format': {
    term: 'remappable format',
    definition:
      'An MSI whose address sets bit 4 and carries an index into the interrupt remapping table instead of a ' +
      'destination; the IRTE at that index decides where the interrupt goes.',
  },
  irte: {
    term: 'IRTE',
    definition:
      'Interrupt remapping table entry: destination, vector and delivery mode of one interrupt, plus the ' +
      'requester ID allowed to use it. Only the host writes these.',
  },
  'fault-0x25': {
    term: 'fault 0x25',
    definition:
      'VT-d fault reason 0x25: a compatibility-format interrupt arrived while the host allows only ' +
      'remappable ones, so it was blocked. Reason 0x22 is the neighbouring case: the IRTE it names is not present.',
  },
  'irq-domain': {
    term: 'irq_domain',
    definition:
      'The Linux structure that maps hardware interrupt numbers of one controller to Linux IRQs and composes ' +
      'their messages. A device with its own interrupt storage gets its own domain instead of borrowing MSI.',
  },
  ims: {
    term: 'IMS',
    definition:
      'Interrupt Message Store: MSI messages kept in device-specific storage (registers, rings, memory) rather ' +
      'than the MSI capability or MSI-X table. The ath11k ring registers are an IMS in all but name.',
  },
  'variant-driver': {
    term: 'variant driver',
    definition:
      'A device-specific vfio driver built on vfio-pci-core (as mlx5 and hisilicon have for migration); it can ' +
      'add regions, IRQ indexes and quirks that plain vfio-pci lacks.',
  },
  posted: {
    term: 'posted interrupt',
    definition:
      'An IRTE in posted format names a vCPU’s posted-interrupt descriptor instead of a host CPU: the IOMMU ' +
      'sets the guest vector there and a running vCPU takes it without a VM exit or host handler (for one ' +
      'that is not running the vector waits in the descriptor, and a halted vCPU is woken by the host).',
  },
  viommu: {
    term: 'vIOMMU',
    definition:
      'An IOMMU emulated by the VMM for its guest. With interrupt remapping the guest programs remappable ' +
      'messages pointing into the guest’s own table, which the VMM must translate.',
  },
  'apic-id': {
    term: 'APIC ID',
    definition:
      'The number that names a CPU’s local APIC as an interrupt destination. The compatibility MSI address ' +
      'has 8 bits for it, so IDs above 255 need remapping or the extended destination ID convention.',
  },
};
