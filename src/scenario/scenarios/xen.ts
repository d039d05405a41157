/**
 * S9 as Xen has it: Jason Andryuk's RFC "xen/amd-iommu: Add interrupt remapping quirk for ath11k"
 * (lore 20250226211125.43625-1-jason.andryuk@amd.com, Feb 2025, against Xen 4.20). An HVM guest's
 * passed-through device is handled by QEMU's xen_pt and by Xen itself — no vfio-pci, no KVM, no eventfds.
 * The actors keep their slots in the diagram and are relabelled (SCENARIOS' actorLabels): the KVM slot is
 * Xen, the host IRQ slot is Xen's IRQ core.
 *
 * Xen programs the device with its own message; with a per-device AMD table the first entry is index 0,
 * so a guest copy of its own data (0x21) would hit an empty entry. For the listed ath11k ids the RFC
 * moves the entry to the guest vector when XEN_DOMCTL_bind_pt_irq hands Xen that vector
 * (pt_irq_create_bind → pirq_guest_bind_gvec → amd_iommu_msi_msg_update_ire), so the copy is valid.
 */
import { composeCompat } from '../../irq/msi-format';
import { readLE, writeLE } from '../../util/bytes';
import { deliver } from '../deliver';
import { guestAllocate, programRings } from '../flows';
import { msiModeFor } from '../models/actors';
import { hex, LORE } from '../refs';
import type { Verdict } from '../timeline';
import type { World } from '../world';
import type { HostIrqDesc } from '../models/host';
import { athRingPlans, athTimeoutLog, mhiSource, ringSources } from './setup';

/** The RFC's hide_irt[] list in apply_quirks (xen/drivers/passthrough/pci.c): QCA6390, WCN6855, QCN9074. */
export const XEN_GVEC_AS_IRTE_IDX = [0x1101, 0x1103, 0x1104];

/** A guest config write that QEMU's xen_pt keeps in its emulated MSI register. */
function xenPtWrite(
  w: World,
  offset: number,
  size: 2 | 4,
  value: number,
  fn: string,
  register: string,
): void {
  writeLE(w.qemu.pci!.copy, offset, size, value);
  w.rec.emit({
    from: 'guest-kernel',
    to: 'qemu',
    kind: 'config-write',
    payload: { register, offset, size, value, xenPt: true },
    refs: [fn, 'xen_pt_pci_write_config'],
  });
}

/** Xen sets up the physical MSI (PHYSDEVOP_map_pirq): a host IRQ and vector, IRTE index 0 of the device table. */
function xenMapPirq(w: World): HostIrqDesc {
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'ioctl',
    payload: { hypercall: 'PHYSDEVOP_map_pirq', type: 'MAP_PIRQ_TYPE_MSI', entries: 1, ret: 0 },
    refs: ['xen_pt_msi_setup', 'xc_physdev_map_pirq_msi', 'physdev_map_pirq'],
  });
  const irte = w.iommu.allocIrte(w.dev.sid, 1);
  const [d] = w.host.allocate(1, () => 'msi-0', irte);
  w.lapic.assign(d.apic, d.vector, d.irq);
  d.handler = 'Xen: guest pirq (HVM)';
  w.rec.emit({
    from: 'kvm',
    to: 'host-irq',
    kind: 'irq-alloc',
    payload: { allocator: 'xen', irq: d.irq, vector: d.vector, apic: d.apic },
    refs: ['map_domain_pirq', 'setup_msi_irq'],
    also: ['host-lapic'],
  });
  w.iommu.write({ index: irte, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid });
  w.rec.emit({
    from: 'host-irq',
    to: 'iommu',
    kind: 'irte-write',
    payload: { first: irte, count: 1, vector: d.vector, dest: d.apic, sid: w.dev.sid, ir: 'amd' },
    refs: ['amd_iommu_msi_msg_update_ire', 'update_intremap_entry_from_msi_msg'],
  });
  programPhysical(w, irte);
  return d;
}

function programPhysical(w: World, data: number): void {
  const cap = w.dev.msiCap;
  const address = 0xfee00000;
  w.vfio.dev.host.physicalWrite(cap + 4, 4, address);
  w.vfio.dev.host.physicalWrite(cap + 8, 2, data);
  w.vfio.dev.host.physicalWrite(cap + 2, 2, readLE(w.vfio.dev.physical, cap + 2, 2) | 1);
  w.rec.emit({
    from: 'host-irq',
    to: 'device',
    kind: 'msi-program',
    payload: { address, data, vectors: 1, by: 'Xen', remap: 'amd' },
    refs: ['write_msi_msg', 'amd_iommu_msi_msg_update_ire'],
  });
}

/** XEN_DOMCTL_bind_pt_irq: Xen learns the guest vector; the RFC's quirk moves the IRTE to it. */
function xenBindPtIrq(w: World, d: HostIrqDesc, gvec: number, dest: number): void {
  w.kvm.pirqs.set(d.irq, { hostIrq: d.irq, gvec, dest });
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'ioctl',
    payload: { hypercall: 'XEN_DOMCTL_bind_pt_irq', irqType: 'PT_IRQ_TYPE_MSI', gvec, dest, ret: 0 },
    refs: ['xen_pt_msi_update', 'xc_domain_update_msi_irq', 'pt_irq_create_bind'],
  });
  const device = readLE(w.vfio.dev.physical, 0x02, 2);
  if (!XEN_GVEC_AS_IRTE_IDX.includes(device)) {
    w.rec.emit({
      from: 'kvm',
      to: 'kvm',
      kind: 'log',
      payload: {
        note: 'xen-gvec-unlisted',
        device,
        gvecAsIrteIdx: false,
        listed: XEN_GVEC_AS_IRTE_IDX,
        irte: d.irte!,
      },
      refs: ['apply_quirks', LORE.xenAmd],
    });
    return;
  }
  const old = d.irte!;
  w.iommu.free(w.dev.sid, old);
  d.irte = gvec;
  w.iommu.write({ index: gvec, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid });
  w.rec.emit({
    from: 'kvm',
    to: 'iommu',
    kind: 'irte-write',
    payload: {
      moved: old,
      device,
      first: gvec,
      vector: d.vector,
      dest: d.apic,
      sid: w.dev.sid,
      ir: 'amd',
    },
    refs: ['pirq_guest_bind_gvec', 'amd_iommu_msi_msg_update_ire', LORE.xenAmd],
    also: ['host-irq'],
  });
  programPhysical(w, gvec);
}

/** Xen's delivery: do_IRQ finds the guest binding and injects the guest vector through the vLAPIC. */
export function xenDeliver(
  w: World,
  source: string,
  desc: HostIrqDesc,
  done: (v: Verdict) => Verdict,
): Verdict {
  const bind = w.kvm.pirqs.get(desc.irq)!;
  w.rec.emit({
    from: 'host-irq',
    to: 'kvm',
    kind: 'isr',
    payload: { irq: desc.irq, handler: '__do_IRQ_guest', boundToGuest: true },
    refs: ['do_IRQ', '__do_IRQ_guest', 'hvm_do_IRQ_dpci'],
    source,
  });
  const vcpu = w.vcpus.byApic(bind.dest)!;
  vcpu.irr.push(bind.gvec);
  vcpu.handled.push(bind.gvec);
  w.rec.emit({
    from: 'kvm',
    to: 'vcpu',
    kind: 'injection',
    payload: { guestVector: bind.gvec, vcpu: vcpu.id, via: 'vmsi' },
    outcome: 'delivered',
    refs: ['hvm_dirq_assist', 'vmsi_deliver_pirq', 'vmsi_deliver'],
    source,
  });
  return done({
    source,
    outcome: 'delivered',
    guestVector: bind.gvec,
    vcpu: vcpu.id,
    at: 'vcpu',
    why: `Xen: guest vector ${hex(bind.gvec)} on vCPU ${vcpu.id}`,
  });
}

export function runS9(w: World): void {
  guestAllocate(w, w.opts.vectors, 0, 0x21);
  const pci = w.qemu.pci!;
  const cap = pci.msi!.cap;
  const m = composeCompat({ destApicId: 0, vector: 0x21 });
  xenPtWrite(w, cap + 4, 4, m.address, 'xen_pt_msgaddr32_reg_write', 'PCI_MSI_ADDRESS_LO');
  xenPtWrite(w, cap + 8, 2, m.data, 'xen_pt_msgdata_reg_write', 'PCI_MSI_DATA_32');
  xenPtWrite(w, cap + 2, 2, readLE(pci.copy, cap + 2, 2) | 1, 'xen_pt_msgctrl_reg_write', 'PCI_MSI_FLAGS');
  const d = xenMapPirq(w);
  xenBindPtIrq(w, d, 0x21, 0);
  // ath11k reads the address back from config space (xen_pt answers from its emulated register) and
  // takes the data from the guest kernel's cached message.
  const address = readLE(pci.copy, cap + 4, 4);
  w.gd.address = address;
  w.gd.dataBase = m.data;
  w.rec.emit({
    from: 'guest-driver',
    to: 'qemu',
    kind: 'config-read',
    payload: {
      register: 'PCI_MSI_ADDRESS_LO',
      offset: cap + 4,
      size: 4,
      value: address,
      msgData: m.data,
      xenPt: true,
    },
    refs: ['ath11k_pci_alloc_msi', 'xen_pt_pci_read_config'],
    also: ['guest-driver'],
  });
  programRings(w, athRingPlans(address, m.data, msiModeFor(w.gk.msiVectors)));
  deliver(w, mhiSource(0));
  for (const s of ringSources()) deliver(w, s);
  if (w.rec.verdicts.some((v) => v.source !== 'MHI0' && v.outcome !== 'delivered')) athTimeoutLog(w);
}
