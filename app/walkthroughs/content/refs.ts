/** The mail and bug reports the walkthroughs point at (Message-IDs from the RFC thread and its neighbours). */
import { lore, type Ref } from '../builtin';

export const RFC_PATCH = lore(
  '20240812170014.1583783-1-alex.williamson@redhat.com',
  'RFC: vfio/pci feature to disable MSI virtualization',
);
export const QEMU_QUIRK = lore(
  '20240812170045.1584000-1-alex.williamson@redhat.com',
  'RFC: the QEMU ath11k quirk that uses it',
);
export const JASON_OBJECTS = lore(
  '20240813163053.GK1985367@ziepe.ca',
  'Jason: model the sources as an irq_chip',
);
export const THOMAS = lore('87r0aspby6.ffs@tglx', 'Thomas: ath11k wants a device-specific interrupt domain');
export const ALEX_REPLY = lore(
  '20240813151401.789c578f.alex.williamson@redhat.com',
  'Alex: the guest drivers do this anyway',
);
export const JASON_DESIGN = lore(
  '20240814152025.GA3468552@ziepe.ca',
  'Jason: SET_IRQS for every interrupt source',
);
export const DISCOVERY = lore(
  '20240813233939.GT1985367@ziepe.ca',
  'Jason: no way for a VM to know IMS works',
);
export const DAVID_FANTASY = lore(
  '03fdfde8dc05ecce1f1edececf0800d8cb919ac1.camel@infradead.org',
  'David: if the IOMMU took guest MSIs directly',
);
export const IR_SHADOW = lore(
  '20250103143138.GC26854@ziepe.ca',
  'Jason: shadow the virtual remapping tables',
);
export const ADVERTISE = lore(
  '432d4304b579c5bd6973628c3c4aaad476627f7b.camel@infradead.org',
  'David: the hypervisor should advertise the fix',
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
