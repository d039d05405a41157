/**
 * The mail and bug reports the walkthroughs point at. THREAD is the RFC and its eleven replies in the
 * order they were sent, each with its Message-ID on lore.kernel.org (read from the list archives) and a
 * one-line summary in the project's own words — never the mail's.
 */
import { lore, type Ref } from '../builtin';

export interface Mail {
  readonly ref: Ref;
  readonly author: string;
  /** The day it was sent (the sender's date line), ISO. */
  readonly date: string;
  /** What the mail argues, paraphrased in one line. */
  readonly gist: string;
}

const mail = (messageId: string, author: string, date: string, label: string, gist: string): Mail => ({
  ref: lore(messageId, label),
  author,
  date,
  gist,
});

export const RFC = mail(
  '20240812170014.1583783-1-alex.williamson@redhat.com',
  'Alex Williamson',
  '2024-08-12',
  'Alex, 12 Aug: the RFC patch',
  'Proposes feature 11: vfio-pci stops emulating the MSI address and data, so a VMM can read what the host programmed.',
);
export const JASON_POLICY = mail(
  '20240813163053.GK1985367@ziepe.ca',
  'Jason Gunthorpe',
  '2024-08-13',
  'Jason, 13 Aug: the policy objection',
  'Objects: it rewards drivers that copy MSI values into other registers; such a device should register an irq_chip.',
);
export const THOMAS = mail(
  '87r0aspby6.ffs@tglx',
  'Thomas Gleixner',
  '2024-08-13',
  'Thomas, 13 Aug: a device-specific domain, done generically',
  'ath11k deserves its own interrupt domain; VM support for such devices has to be general, not one-off fixes.',
);
export const ALEX_REGARDLESS = mail(
  '20240813151401.789c578f.alex.williamson@redhat.com',
  'Alex Williamson',
  '2024-08-13',
  'Alex, 13 Aug: guests copy the message anyway',
  'Guest drivers, Windows ones too, copy the message whatever vfio offers; the chip is built so; the other way out is guest-owned messages.',
);
export const JASON_CANT_FIX = mail(
  '20240813231642.GR1985367@ziepe.ca',
  'Jason Gunthorpe',
  '2024-08-13',
  'Jason, 13 Aug: the copy becomes the excuse not to fix the driver',
  'If only the copying driver runs in a VM, converting Linux’s driver to an irq_domain will be argued away; a converted one gains nothing here.',
);
export const JASON_IMS_DISCOVERY = mail(
  '20240813233939.GT1985367@ziepe.ca',
  'Jason Gunthorpe',
  '2024-08-13',
  'Jason, 13 Aug: a guest cannot know whether IMS works',
  'The IMS-in-VMs debate stalled because a guest has no way to learn if IMS will work; Intel had planned a DVSEC to turn it off.',
);
export const ALEX_VMM_ONLY = mail(
  '20240814085505.60819623.alex.williamson@redhat.com',
  'Alex Williamson',
  '2024-08-14',
  'Alex, 14 Aug: only the VMM sees a difference',
  'QEMU can already reach the MSI-X table through the BAR; only MSI is hidden; the guest sees nothing new, only ' +
    'QEMU does; a guest irq_domain would still leave the VMM trapping and substituting.',
);
export const JASON_DESIGN = mail(
  '20240814152025.GA3468552@ziepe.ca',
  'Jason Gunthorpe',
  '2024-08-14',
  'Jason, 14 Aug: unique pairs, no route, SET_IRQS per source',
  'An irq_domain guest programs fresh pairs that no MSI entry holds and no route serves; sketches four steps through SET_IRQS.',
);
export const DAVID_FANTASY = mail(
  '03fdfde8dc05ecce1f1edececf0800d8cb919ac1.camel@infradead.org',
  'David Woodhouse',
  '2024-12-13',
  'David, 13 Dec: MSI is DMA; the IOMMU he wishes for',
  'An MSI is a DMA write; he wishes the IOMMU accepted guest messages; beyond 255 CPUs remapping, and so a vIOMMU, is required.',
);
export const JASON_SHADOW = mail(
  '20250103143138.GC26854@ziepe.ca',
  'Jason Gunthorpe',
  '2025-01-03',
  'Jason, 3 Jan: shadow the remapping tables',
  'Suggests the VMM mirror the guest’s remapping tables into the real ones; notes the QEMU quirk, so VMs need not hold back an ath rework.',
);
export const DAVID_ADVERTISE = mail(
  '432d4304b579c5bd6973628c3c4aaad476627f7b.camel@infradead.org',
  'David Woodhouse',
  '2025-01-03',
  'David, 3 Jan: the quirk, advertised',
  'Short of that IOMMU the quirk is the best option, config space being mostly invented anyway; hypervisors should announce it.',
);
export const JASON_NO_PROBE = mail(
  '20250103151900.GE26854@ziepe.ca',
  'Jason Gunthorpe',
  '2025-01-03',
  'Jason, 3 Jan: no probe can tell',
  'A VMM that cannot virtualize a device should not assign it; any probe Intel weighed broke bare metal or deployed VMs, and VMMs hide being VMs.',
);

/** The twelve mails of the thread, oldest first. */
export const THREAD: readonly Mail[] = [
  RFC,
  JASON_POLICY,
  THOMAS,
  ALEX_REGARDLESS,
  JASON_CANT_FIX,
  JASON_IMS_DISCOVERY,
  ALEX_VMM_ONLY,
  JASON_DESIGN,
  DAVID_FANTASY,
  JASON_SHADOW,
  DAVID_ADVERTISE,
  JASON_NO_PROBE,
];

// Outside the thread: the companion QEMU patch, the bug it fixes, and related work.
export const QEMU_QUIRK = lore(
  '20240812170045.1584000-1-alex.williamson@redhat.com',
  'Alex, 12 Aug: the QEMU ath quirk (companion patch)',
);
/** Jason's reply to the QEMU patch, where he suggests letting the guest own its MSI address/data pairs. */
export const JASON_ON_QUIRK = lore(
  '20240813164341.GL1985367@ziepe.ca',
  'Jason, 13 Aug: on the QEMU quirk (guest-owned MSI pairs)',
);
/** David's 2020 patch that lets KVM guests use the extended destination ID (the convention step 22 runs). */
export const EXT_DEST_ID = lore(
  '20201024213535.443185-36-dwmw2@infradead.org',
  'David, Oct 2020: the 15-bit destination for KVM guests',
);
export const GUEST_LOG = lore(
  'adcb785e-4dc7-4c4a-b341-d53b72e13467@gmail.com',
  '“ath11k and vfio-pci support”: the guest log',
);
export const ONE_MSI_FIX = lore(
  '20230601033840.2997-1-quic_bqiang@quicinc.com',
  'ath11k: fix boot failure with one MSI vector',
);
export const BUGZILLA: Ref = {
  label: 'Bugzilla 216055',
  href: 'https://bugzilla.kernel.org/show_bug.cgi?id=216055',
};
export const XEN_AMD = lore(
  '20250226211125.43625-1-jason.andryuk@amd.com',
  'Xen: AMD IOMMU quirk for ath11k',
);
