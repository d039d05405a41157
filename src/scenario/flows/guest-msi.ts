/** The guest programs its MSI capability through QEMU; QEMU wires KVM and calls VFIO_DEVICE_SET_IRQS. */
import { composeCompat, composeRemappable, decodeMsi } from '../../irq/msi-format';
import { vfioSetIrqs } from '../../vfio/set-irqs';
import {
  msiQmax,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
} from '../../vfio/irqs';
import { msiModeFor } from '../models/actors';
import { bdf } from '../models/iommu';
import { POSTED_INTR_VECTOR, POSTED_INTR_WAKEUP_VECTOR } from '../models/kvm';
import { hex } from '../refs';
import type { World } from '../world';
import { pairAvic } from './avic';
import { hostAllocateAndProgram } from './host';
import { hostPlatform, IRQ_SET_ARGSZ, qemuIntxDisable, qemuIntxEnable } from './intx';
import { emitSetIrqs } from './ioctl';

export const EVENTFD_TRIGGER = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;

/** The first handle of the guest's virtual interrupt-remapping table (vIOMMU). */
export const GUEST_VIRTUAL_HANDLE = 0x05;

/** The guest message for vector slot k, as the guest kernel composes it. */
function guestMessage(w: World, apic: number, vector: number): { address: number; data: number } {
  return composeCompat({ destApicId: apic, vector, extDestId: w.opts.extDestId && apic > 0xff });
}

/** Guest kernel: allocate MSI vectors for the driver. Multi-MSI needs remapping in a Linux guest. */
export function guestAllocate(w: World, requested: number, apic: number, firstVector: number): number {
  const linuxNoIr = w.opts.guest !== 'windows' && !w.opts.viommu;
  const granted = requested > 1 && linuxNoIr ? 1 : requested;
  w.gk.msiVectors = granted;
  w.gk.vectors = Array.from({ length: granted }, (_, k) => ({ guestVector: firstVector + k, apic }));
  // With a vIOMMU the guest kernel programs its virtual IRTEs from handle 5 and uses remappable messages.
  w.gk.message = w.opts.viommu
    ? composeRemappable(GUEST_VIRTUAL_HANDLE, 0)
    : guestMessage(w, apic, firstVector);
  w.gd.mode = msiModeFor(granted);
  w.gd.log.push(`MSI vectors: ${granted}`);
  w.rec.emit({
    from: 'guest-driver',
    to: 'guest-kernel',
    kind: 'irq-alloc',
    payload: { requested, granted, firstVector, apic },
    explanation:
      granted < requested
        ? `pci_alloc_irq_vectors(${requested}, ${requested}, MSI) fails: a Linux guest without interrupt remapping cannot do multi-MSI, so ath11k falls back to one MSI.`
        : `The guest kernel grants ${granted} MSI vector(s) starting at guest vector ${hex(firstVector)} on APIC ${apic}.`,
    refs: ['ath11k_pci_alloc_msi', 'pci_alloc_irq_vectors'],
  });
  return granted;
}

/** A guest config write through QEMU (vfio_pci_write_config), with the kernel's provenance. */
export function guestConfigWrite(w: World, offset: number, size: 1 | 2 | 4, value: number, what: string) {
  const r = w.qemu.pci!.writeConfig(offset, size, value);
  w.rec.emit({
    from: 'guest-kernel',
    to: 'qemu',
    kind: 'config-write',
    payload: {
      offset,
      size,
      value,
      toVconfig: r.vfio.toVconfig,
      toHardware: r.vfio.toHardware,
      dropped: r.vfio.dropped,
      transition: r.transition,
    },
    explanation: `The guest writes ${what} ${hex(value)}; QEMU passes it to the vfio config region (kernel: ${r.vfio.toHardware ? 'partly to hardware' : 'vconfig only'}) and updates its emulated copy.`,
    refs: ['vfio_pci_write_config', 'vfio_msi_config_write'],
    also: ['vfio', 'device'],
  });
  return r;
}

/** Guest programs its MSI capability and enables it; QEMU then wires KVM and asks vfio for host vectors. */
export interface EnablePlan {
  readonly posted: boolean;
}

export function guestEnablesMsi(w: World, plan: EnablePlan): void {
  const pci = w.qemu.pci!;
  const msi = pci.msi!;
  const m = w.gk.message!;
  guestConfigWrite(w, msi.cap + 4, 4, m.address, 'MSI address');
  guestConfigWrite(w, msi.cap + (msi.is64 ? 0x0c : 0x08), 2, m.data, 'MSI data');
  const flags = pci.readConfig(msi.cap + 2, 2).value;
  const r = guestConfigWrite(
    w,
    msi.cap + 2,
    2,
    (flags & ~0x70) | (msiQmax(w.gk.msiVectors) << 4) | 1,
    'MSI flags (enable)',
  );
  if (r.transition === 'msi-enable') qemuMsiEnable(w, plan);
}

/** vfio_add_kvm_msi_virq for vectors 0..n-1: a KVM route (lowest free GSI) and an irqfd each. */
function addMsiRoutes(w: World, n: number): void {
  const pci = w.qemu.pci!;
  for (let k = 0; k < n; k++) {
    const msg = pci.msiMessage(k);
    const route = w.kvm.addRoute(routeMessage(w, msg));
    const eventfd = `E${k}`;
    w.kvm.irqfds.set(eventfd, route.gsi);
    w.qemu.vectors.push({ nr: k, eventfd, virq: route.gsi });
    w.rec.emit({
      from: 'qemu',
      to: 'kvm',
      kind: 'route-update',
      payload: {
        gsi: route.gsi,
        address: route.address,
        addressHi: route.addressHi,
        data: route.data,
        eventfd,
      },
      explanation: `KVM route GSI ${route.gsi} carries the guest's message ${hex(msg.address)}/${hex(msg.data, 4)}; irqfd ${eventfd} fires it.`,
      refs: ['vfio_add_kvm_msi_virq', 'kvm_irqchip_add_msi_route', 'KVM_IRQFD'],
      also: ['qemu'],
    });
  }
}

/** vfio_msi_disable_common: every vector's irqfd and KVM route released; QEMU's interrupt mode is none. */
function releaseMsiRoutes(w: World, explanation: string): number {
  const released = w.qemu.vectors.splice(0);
  for (const v of released) {
    w.kvm.routes.delete(v.virq);
    w.kvm.irqfds.delete(v.eventfd);
    w.kvm.bypass.delete(v.eventfd);
  }
  w.qemu.interrupt = 'none';
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'route-update',
    payload: { released: released.length, gsis: released.map((v) => v.virq) },
    explanation,
    refs: ['vfio_msi_disable_common', 'kvm_irqchip_release_virq'],
    also: ['qemu'],
  });
  return released.length;
}

/**
 * vfio_msi_enable in QEMU: INTx off first (vfio_disable_interrupts: vfio-pci takes MSI only with no
 * interrupt type set), one route and irqfd per vector the guest's MME names, then SET_IRQS. When the host
 * grants fewer, the kernel returns that count and QEMU tears down and retries with it; the guest's QSIZE
 * stays as written, and only the granted vectors get eventfds.
 */
function qemuMsiEnable(w: World, plan: EnablePlan): void {
  qemuIntxDisable(w, 'The guest enabled MSI');
  let n = w.qemu.pci!.msiVectors();
  for (;;) {
    addMsiRoutes(w, n);
    w.qemu.interrupt = 'msi'; // set before SET_IRQS, "prior to possible interrupts"
    const header = { argsz: IRQ_SET_ARGSZ + 4 * n, flags: EVENTFD_TRIGGER, index: 1, start: 0, count: n };
    const ret = vfioSetIrqs(w.vfio.dev, header, hostPlatform(w));
    emitSetIrqs(
      w,
      header,
      w.qemu.vectors.map((v) => v.eventfd).join(','),
      ret,
      `QEMU hands vfio-pci ${n} eventfd(s) for the MSI index; the host must now produce real interrupts for them.`,
      ['vfio_enable_vectors', 'vfio_pci_set_msi_trigger', 'vfio_msi_enable'],
    );
    if (ret > 0) {
      w.rec.emit({
        from: 'vfio',
        to: 'host-irq',
        kind: 'irq-alloc',
        payload: { requested: n, granted: ret },
        explanation: `pci_alloc_irq_vectors(1, ${n}, PCI_IRQ_MSI) returns ${ret}: without interrupt remapping the x86 MSI domain has no multi-MSI, so msi_capability_init settles for one vector. vfio_msi_enable wanted all ${n}: it frees what it got and returns ${ret}.`,
        refs: ['vfio_msi_enable', 'pci_alloc_irq_vectors', 'msi_capability_init'],
      });
      releaseMsiRoutes(
        w,
        `"Failed to enable ${n} MSI vectors, retry with ${ret}": vfio_msi_disable_common releases the ${n} route(s); QEMU starts over with ${ret}. The guest's QSIZE still says ${n}.`,
      );
      n = ret;
      continue;
    }
    if (ret < 0) {
      releaseMsiRoutes(
        w,
        'MSI setup failed: QEMU releases the routes and leaves interrupts off, INTx included.',
      );
      return;
    }
    break;
  }
  const descs = hostAllocateAndProgram(w, 'vfio', n);
  for (const d of descs) {
    const k = descs.indexOf(d);
    d.handler = `vfio-msi[${k}](0000:${bdf(w.dev.sid)})`;
    w.vfio.contexts.push({ index: 'msi', vector: k, eventfd: `E${k}`, hostIrq: d.irq, producer: true });
  }
  w.rec.emit({
    from: 'vfio',
    to: 'host-irq',
    kind: 'log',
    payload: { requestIrq: descs.map((d) => d.irq), handler: 'vfio_msihandler' },
    explanation:
      'request_irq(vfio_msihandler) for each vector; the handler only signals the eventfd. An irq-bypass producer is registered with the same eventfd.',
    refs: ['vfio_msi_set_vector_signal', 'vfio_msihandler', 'irq_bypass_register_producer'],
  });
  if (plan.posted) (w.opts.ir === 'amd' ? pairAvic : pairBypass)(w);
}

/** kvm_arch_fixup_msi_route: with a vIOMMU the guest's remappable message is translated through its IRTE. */
function routeMessage(w: World, msg: { address: number; addressHi: number; data: number }) {
  const d = decodeMsi(msg.address, msg.data, msg.addressHi, { remap: 'intel' });
  if (w.opts.viommu && d.format === 'remappable') {
    // The vIOMMU's IRTE holds a full 32-bit destination; KVM's x2APIC route takes bits 31:8 from address_hi.
    const v = w.gk.vectors[(d.irteIndex ?? GUEST_VIRTUAL_HANDLE) - GUEST_VIRTUAL_HANDLE] ?? w.gk.vectors[0];
    const c = composeCompat({ destApicId: v.apic & 0xff, vector: v.guestVector });
    return { address: c.address, addressHi: (v.apic >>> 8) << 8, data: c.data };
  }
  return msg;
}

/** KVM and vfio pair on the eventfd; VT-d turns the IRTE into a posted one (vmx_pi_update_irte). */
function pairBypass(w: World): void {
  for (const ctx of w.vfio.contexts) {
    const gsi = w.kvm.irqfds.get(ctx.eventfd)!;
    const t = w.kvm.target(gsi)!;
    const vcpu = w.vcpus.byApic(t.apic);
    if (!vcpu) continue;
    const irte = w.host.irqs.find((d) => d.irq === ctx.hostIrq)!.irte!;
    const pda = 0x1_2345_6780 + vcpu.id * 64;
    w.kvm.bypass.set(ctx.eventfd, ctx.hostIrq);
    w.kvm.pi.set(vcpu.id, {
      vcpu: vcpu.id,
      address: pda,
      pir: [],
      on: false,
      sn: w.opts.vcpuState === 'preempted',
      nv: w.opts.vcpuState === 'blocked' ? POSTED_INTR_WAKEUP_VECTOR : POSTED_INTR_VECTOR,
      ndst: vcpu.pcpu,
    });
    const old = w.iommu.entry(w.dev.sid, irte)!;
    w.iommu.write({ ...old, posted: { guestVector: t.vector, pda, urgent: false } });
    w.rec.emit({
      from: 'kvm',
      to: 'iommu',
      kind: 'irte-write',
      payload: {
        irte,
        posted: true,
        guestVector: t.vector,
        vcpu: vcpu.id,
        pda,
        pdaLow: Math.floor(pda / 64) % 2 ** 26,
        pdaHigh: Math.floor(pda / 2 ** 32),
        sid: w.dev.sid,
      },
      explanation: `Producer and consumer share ${ctx.eventfd}: vmx_pi_update_irte rewrites IRTE ${hex(irte)} in posted format — guest vector ${hex(t.vector)} straight into vCPU ${vcpu.id}'s descriptor.`,
      refs: ['kvm_arch_irq_bypass_add_producer', 'vmx_pi_update_irte', 'intel_ir_set_vcpu_affinity'],
    });
  }
}

/** The guest clears MSI Enable: QEMU's vfio_msi_disable tears everything down, host side included. */
export function guestDisablesMsi(w: World): void {
  const pci = w.qemu.pci!;
  const cap = pci.msi!.cap;
  const r = guestConfigWrite(w, cap + 2, 2, pci.readConfig(cap + 2, 2).value & ~1, 'MSI flags (disable)');
  if (r.transition !== 'msi-disable') return;
  const header = {
    argsz: IRQ_SET_ARGSZ,
    flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: 1,
    start: 0,
    count: 0,
  };
  const ret = vfioSetIrqs(w.vfio.dev, header, hostPlatform(w));
  const gone = w.vfio.contexts.splice(0).map((c) => c.hostIrq);
  emitSetIrqs(
    w,
    header,
    '',
    ret,
    'vfio_msi_disable: SET_IRQS with DATA_NONE and count 0 disables the MSI index.',
    ['vfio_msi_disable', 'vfio_pci_set_msi_trigger'],
  );
  releaseMsiRoutes(w, 'QEMU releases the KVM routes and irqfds.');
  const descs = w.host.irqs.filter((d) => gone.includes(d.irq));
  for (const d of descs) w.lapic.release(d.apic, d.vector);
  w.host.free(gone);
  w.rec.emit({
    from: 'vfio',
    to: 'host-irq',
    kind: 'irq-alloc',
    payload: { freed: gone },
    explanation: 'free_irq and pci_free_irq_vectors: the host vectors are gone.',
    refs: ['vfio_msi_disable', 'pci_free_irq_vectors'],
    also: ['host-lapic'],
  });
  if (w.opts.ir !== 'none') {
    for (const d of descs) if (d.irte !== null) w.iommu.free(w.dev.sid, d.irte);
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: { cleared: descs.map((d) => d.irte ?? -1) },
      explanation:
        'Their IRTEs are freed: zeroed and released for the next allocation (which takes the lowest free index again).',
      refs:
        w.opts.ir === 'amd' ? ['irq_remapping_free', 'free_irte'] : ['intel_irq_remapping_free', 'free_irte'],
    });
  }
  const flags = w.vfio.dev.physical[cap + 2] | (w.vfio.dev.physical[cap + 3] << 8);
  w.vfio.dev.host.physicalWrite(cap + 2, 2, flags & ~1);
  w.rec.emit({
    from: 'host-irq',
    to: 'device',
    kind: 'msi-program',
    payload: { enable: 0 },
    explanation: 'The MSI core clears Enable in the device.',
    refs: ['pci_msi_shutdown'],
  });
  qemuIntxEnable(w, 'The guest disabled MSI');
}
