/** The host side of an MSI: vectors, IRTEs, the message the MSI core writes, affinity moves. */
import { composeCompat, composeRemappable } from '../../irq/msi-format';
import { msiQmax } from '../../vfio/irqs';
import { LORE } from '../refs';
import type { ActorId } from '../timeline';
import type { World } from '../world';

/**
 * The host side of pci_alloc_irq_vectors for the device: vectors and destinations, IRTEs with remapping,
 * and the message the MSI core writes into the physical capability.
 */
export function hostAllocateAndProgram(w: World, from: ActorId, n: number) {
  const remapped = w.opts.ir !== 'none';
  // intel_irq_remapping_alloc → alloc_irte, or AMD irq_remapping_alloc → alloc_irq_index: the lowest free
  // (aligned) block of IRTEs.
  const irteBase = remapped ? w.iommu.allocIrte(w.dev.sid, n) : null;
  const descs = w.host.allocate(n, (k) => `msi-${k}`, irteBase);
  for (const d of descs) w.lapic.assign(d.apic, d.vector, d.irq);
  if (from === 'vfio') w.vfio.dev.host.setIrqState('msi', msiQmax(n));
  w.rec.emit({
    from,
    to: 'host-irq',
    kind: 'irq-alloc',
    payload: {
      count: n,
      irqs: descs.map((d) => d.irq),
      vectors: descs.map((d) => d.vector),
      apic: descs[0].apic,
    },
    refs: ['vfio_msi_enable', 'pci_alloc_irq_vectors', 'msi_capability_init'],
    also: ['host-lapic'],
  });
  let message: { address: number; data: number };
  if (w.opts.ir === 'intel') {
    for (const d of descs)
      w.iommu.write({ index: d.irte!, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid });
    message = composeRemappable(descs[0].irte!, 0);
  } else if (w.opts.ir === 'amd') {
    const base = descs[0].irte!;
    descs.forEach((d, k) =>
      w.iommu.write({ index: base + k, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid }),
    );
    message = { address: 0xfee00000, data: base };
  } else {
    message = composeCompat({ destApicId: descs[0].apic, vector: descs[0].vector });
  }
  if (remapped) {
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: {
        first: w.opts.ir === 'amd' ? message.data : descs[0].irte!,
        count: n,
        vector: descs[0].vector,
        dest: descs[0].apic,
        sid: w.dev.sid,
        ir: w.opts.ir,
      },
      refs:
        w.opts.ir === 'amd'
          ? ['irq_remapping_alloc', 'alloc_irq_index', 'fill_msi_msg']
          : ['intel_irq_remapping_alloc', 'alloc_irte', 'fill_msi_msg'],
    });
  }
  programDeviceMsi(w, message, n);
  return descs;
}

/** __pci_write_msi_msg: the host MSI core writes address, data, QSIZE and Enable into the device. */
export function programDeviceMsi(w: World, message: { address: number; data: number }, n: number): void {
  const cap = w.dev.msiCap;
  const is64 = (w.vfio.dev.physical[cap + 2] & 0x80) !== 0;
  w.vfio.dev.host.physicalWrite(cap + 4, 4, message.address);
  w.vfio.dev.host.physicalWrite(cap + (is64 ? 0x0c : 0x08), 2, message.data);
  const flags = w.vfio.dev.physical[cap + 2] | (w.vfio.dev.physical[cap + 3] << 8);
  w.vfio.dev.host.physicalWrite(cap + 2, 2, (flags & ~0x70) | (msiQmax(n) << 4) | 1);
  w.rec.emit({
    from: 'host-irq',
    to: 'device',
    kind: 'msi-program',
    payload: { address: message.address, data: message.data, vectors: n },
    refs: ['__pci_write_msi_msg', 'msi_capability_init'],
  });
}

/**
 * The host moves a device IRQ to another CPU. With remapping only the IRTE changes and the device keeps
 * its message; without it the MSI core rewrites the message in the device (any copy elsewhere goes stale).
 */
export function hostAffinityChange(w: World, apic: number, vector: number): void {
  const d = w.host.irqs[0];
  const was = { apic: d.apic, vector: d.vector };
  w.lapic.release(d.apic, d.vector);
  d.apic = apic;
  d.vector = vector;
  w.lapic.assign(apic, vector, d.irq);
  w.rec.emit({
    from: 'host-irq',
    to: 'host-lapic',
    kind: 'irq-alloc',
    payload: { irq: d.irq, fromApic: was.apic, fromVector: was.vector, apic, vector },
    refs: ['irq_set_affinity', 'apic_set_affinity', LORE.oneMsiFix],
  });
  if (d.irte !== null && w.opts.ir !== 'none') {
    const old = w.iommu.entry(w.dev.sid, d.irte)!;
    w.iommu.write({ ...old, vector, dest: apic });
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: { first: d.irte, vector, dest: apic, sid: w.dev.sid, ir: w.opts.ir, affinity: true },
      refs: ['intel_ir_set_affinity'],
    });
    return;
  }
  programDeviceMsi(w, composeCompat({ destApicId: apic, vector }), 1);
}
