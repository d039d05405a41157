/**
 * The designs argued for in review: S5, Jason's device interrupt domain with SET_IRQS per source, and S6,
 * a standard MSI-X device, where the device only ever consumes messages the host wrote.
 */
import { composeCompat, composeRemappable } from '../../irq/msi-format';
import { checkSetIrqs, VFIO_IRQ_SET_ACTION_TRIGGER, VFIO_IRQ_SET_DATA_EVENTFD } from '../../vfio/irqs';
import { deliver } from '../deliver';
import {
  driverReadsMessage,
  emitSetIrqs,
  guestAllocate,
  guestConfigWrite,
  guestEnablesMsi,
  qemuIntxDisable,
} from '../flows';
import { RING_MSI1_ENABLE } from '../models/device';
import { bdf } from '../models/iommu';
import { LORE } from '../refs';
import type { World } from '../world';
import { mhiSource } from './setup';

const EVENTFD_TRIGGER = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;

/** A host IRQ for one extra source, its IRTE, and the host message the caller writes to the device. */
function hostVectorFor(w: World, name: string, eventfd: string, index: 'ims' | 'msix', vector: number) {
  // intel_irq_remapping_alloc → alloc_irte: one entry, the lowest free index.
  const irte = w.iommu.allocIrte(w.dev.sid, 1);
  const [d] = w.host.allocate(1, () => name, irte);
  w.lapic.assign(d.apic, d.vector, d.irq);
  d.handler = `vfio-${index}[${vector}](0000:${bdf(w.dev.sid)})`;
  w.vfio.contexts.push({ index, vector, eventfd, hostIrq: d.irq, producer: true });
  w.rec.emit({
    from: 'vfio',
    to: 'host-irq',
    kind: 'irq-alloc',
    payload: { irq: d.irq, vector: d.vector, apic: d.apic, index, entry: vector },
    refs:
      index === 'ims'
        ? ['pci_create_ims_domain', LORE.jasonDesign]
        : ['pci_msix_alloc_irq_at', 'vfio_msi_set_vector_signal'],
    also: ['host-lapic'],
  });
  w.iommu.write({ index: irte, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid });
  w.rec.emit({
    from: 'host-irq',
    to: 'iommu',
    kind: 'irte-write',
    payload: { first: irte, count: 1, vector: d.vector, dest: d.apic, sid: w.dev.sid, ir: 'intel' },
    refs: ['intel_irq_remapping_alloc', 'alloc_irte'],
  });
  return { ...composeRemappable(irte, 0), irte };
}

function routeAndIrqfd(w: World, gsi: number, msg: { address: number; data: number }, eventfd: string) {
  w.kvm.addRoute({ ...msg, addressHi: 0 }, gsi);
  w.kvm.irqfds.set(eventfd, gsi);
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'route-update',
    payload: { gsi, address: msg.address, data: msg.data, eventfd },
    refs: ['kvm_irqchip_add_msi_route', 'KVM_IRQFD'],
  });
}

/** S5: the VMM traps the ring, decodes the guest message, and asks vfio for a host vector for that source. */
export function runS5(w: World): void {
  guestAllocate(w, 1, 0, 0x21);
  guestEnablesMsi(w, { posted: false });
  driverReadsMessage(w);
  const ring = { name: 'CE1', offset: 0x83048 };
  const guest = composeCompat({ destApicId: 2, vector: 0x35 });
  w.gk.vectors.push({ guestVector: 0x35, apic: 2 });
  w.gd.mode = 'ims';
  w.rec.emit({
    from: 'guest-kernel',
    to: 'guest-driver',
    kind: 'irq-alloc',
    payload: { source: 'CE1', address: guest.address, data: guest.data, apic: 2, vector: 0x35 },
    refs: ['pci_create_ims_domain', LORE.jasonDesign],
  });
  for (const [off, v] of [
    [ring.offset, guest.address],
    [ring.offset + 4, RING_MSI1_ENABLE],
    [ring.offset + 8, guest.data],
  ] as const) {
    w.qemu.trapped.push({ offset: off, value: v });
    w.rec.emit({
      from: 'guest-driver',
      to: 'qemu',
      kind: 'mmio-write',
      payload: { bar: 0, offset: off, size: 4, value: v, trap: 'ims-vmm' },
      refs: ['pci_create_ims_domain', LORE.jasonDesign],
      source: 'CE1',
    });
  }
  routeAndIrqfd(w, 40, guest, 'E_ims7');
  const header = { argsz: 24, flags: EVENTFD_TRIGGER, index: 5, start: 7, count: 1 };
  emitSetIrqs(w, { ...header, index: 'device IMS index (hypothetical)' }, 'E_ims7', 0, [LORE.jasonDesign], {
    hypothetical: true,
  });

  const host = hostVectorFor(w, 'ims-7', 'E_ims7', 'ims', 7);
  w.dev.mmioWrite(ring.offset, 4, BigInt(host.address));
  w.dev.mmioWrite(ring.offset + 4, 4, BigInt(RING_MSI1_ENABLE));
  w.dev.mmioWrite(ring.offset + 8, 4, BigInt(host.data));
  w.rec.emit({
    from: 'host-irq',
    to: 'device',
    kind: 'mmio-write',
    payload: { bar: 0, offset: ring.offset, address: host.address, msb: RING_MSI1_ENABLE, data: host.data },
    refs: ['irq_write_msi_msg', LORE.jasonDesign],
    source: 'CE1',
  });
  deliver(w, mhiSource(0));
  deliver(w, { id: 'CE1', kind: 'ring', offset: ring.offset });
}

/** S6: an MSI-X NIC. The guest's table lives in QEMU; the host writes the physical entry. */
export function runS6(w: World): void {
  const cap = w.qemu.pci!.msix!.cap;
  const r = guestConfigWrite(w, cap + 2, 2, 0x8000, 'PCI_MSIX_FLAGS');
  if (r.transition === 'msix-enable') {
    qemuIntxDisable(w, 'The guest enabled MSI-X'); // vfio_msix_enable → vfio_disable_interrupts
    w.qemu.interrupt = 'msix';
    const ret = checkSetIrqs(w.vfio.dev, { argsz: 24, flags: EVENTFD_TRIGGER, index: 2, start: 0, count: 1 });
    w.vfio.dev.host.setIrqState('msix');
    emitSetIrqs(w, { argsz: 24, flags: EVENTFD_TRIGGER, index: 2, start: 0, count: 1 }, '-1', ret, [
      'vfio_msix_enable',
      'vfio_enable_msix_no_vec',
    ]);
  }
  const entry = 2;
  // The guest steers the NIC's interrupt to vCPU 1 (vCPU 0 when it has only one).
  const vcpu = Math.min(1, w.opts.vcpus - 1);
  const guest = composeCompat({ destApicId: vcpu, vector: 0x41 });
  w.qemu.msixTable.set(entry, { ...guest, masked: false });
  w.gk.vectors = [{ guestVector: 0x41, apic: vcpu }];
  w.rec.emit({
    from: 'guest-kernel',
    to: 'qemu',
    kind: 'mmio-write',
    payload: { table: 'msix', entry, address: guest.address, data: guest.data, control: 0 },
    refs: ['msix_table_mmio_write'],
    also: ['guest-kernel'],
  });
  routeAndIrqfd(w, 50, guest, 'E2');
  const header = { argsz: 24, flags: EVENTFD_TRIGGER, index: 2, start: entry, count: 1 };
  const ret = checkSetIrqs(w.vfio.dev, header);
  emitSetIrqs(w, header, 'E2', ret, ['vfio_msix_vector_do_use', 'vfio_pci_set_msi_trigger']);

  const host = hostVectorFor(w, 'msix-2', 'E2', 'msix', entry);
  w.dev.msixTable[entry] = { address: host.address, data: host.data, masked: false };
  w.rec.emit({
    from: 'host-irq',
    to: 'device',
    kind: 'msi-program',
    payload: { table: 'msix', entry, address: host.address, data: host.data },
    refs: ['pci_write_msi_msg', 'vfio_msi_set_vector_signal'],
  });
  if (w.opts.posted) {
    const pda = 0x1_2345_6780 + 64 * vcpu;
    w.kvm.bypass.set('E2', w.vfio.contexts[0].hostIrq);
    w.kvm.pi.set(vcpu, {
      vcpu,
      address: pda,
      pir: [],
      on: false,
      sn: w.opts.vcpuState === 'preempted',
      nv: w.opts.vcpuState === 'blocked' ? 0xf1 : 0xf2,
      ndst: w.vcpus.list[vcpu].pcpu,
    });
    const old = w.iommu.entry(w.dev.sid, host.irte)!;
    w.iommu.write({ ...old, posted: { guestVector: 0x41, pda, urgent: false } });
    w.rec.emit({
      from: 'kvm',
      to: 'iommu',
      kind: 'irte-write',
      payload: { irte: host.irte, posted: true, guestVector: 0x41, vcpu, pda, sid: w.dev.sid, eventfd: 'E2' },
      refs: ['vmx_pi_update_irte'],
    });
  }
  deliver(w, { id: `MSI-X ${entry}`, kind: 'msix-entry', entry });
}
