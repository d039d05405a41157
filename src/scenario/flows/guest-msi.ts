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
import type { World } from '../world';
import { pairAvic } from './avic';
import { bypassPairs } from './bypass';
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
    payload: {
      requested,
      granted,
      firstVector,
      apic,
      ...(granted < requested ? { reason: 'guest-no-ir' } : {}),
    },
    refs: ['ath11k_pci_alloc_msi', 'pci_alloc_irq_vectors'],
  });
  return granted;
}

/** A guest config write through QEMU (vfio_pci_write_config), with the kernel's provenance. */
export function guestConfigWrite(w: World, offset: number, size: 1 | 2 | 4, value: number, register: string) {
  const r = w.qemu.pci!.writeConfig(offset, size, value);
  w.rec.emit({
    from: 'guest-kernel',
    to: 'qemu',
    kind: 'config-write',
    payload: {
      register,
      offset,
      size,
      value,
      toVconfig: r.vfio.toVconfig,
      toHardware: r.vfio.toHardware,
      dropped: r.vfio.dropped,
      qemuChanged: r.qemuChanged,
      transition: r.transition,
    },
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
  guestConfigWrite(w, msi.cap + 4, 4, m.address, 'PCI_MSI_ADDRESS_LO');
  guestConfigWrite(
    w,
    msi.cap + (msi.is64 ? 0x0c : 0x08),
    2,
    m.data,
    msi.is64 ? 'PCI_MSI_DATA_64' : 'PCI_MSI_DATA_32',
  );
  const flags = pci.readConfig(msi.cap + 2, 2).value;
  const r = guestConfigWrite(
    w,
    msi.cap + 2,
    2,
    (flags & ~0x70) | (msiQmax(w.gk.msiVectors) << 4) | 1,
    'PCI_MSI_FLAGS',
  );
  if (r.transition === 'msi-enable') qemuMsiEnable(w, plan);
}

/** vfio_add_kvm_msi_virq for vectors 0..n-1: a KVM route (lowest free GSI) and an irqfd each. */
function addMsiRoutes(w: World, n: number): void {
  const pci = w.qemu.pci!;
  for (let k = 0; k < n; k++) {
    const msg = pci.msiMessage(k);
    const routed = routeMessage(w, msg);
    const route = w.kvm.addRoute(routed.message);
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
        ...(routed.virtualIrte !== undefined
          ? { virtualIrte: routed.virtualIrte, guestAddress: msg.address, guestData: msg.data }
          : {}),
      },
      refs: ['vfio_add_kvm_msi_virq', 'kvm_irqchip_add_msi_route', 'KVM_IRQFD'],
      also: ['qemu'],
    });
  }
}

/** vfio_msi_disable_common: every vector's irqfd and KVM route released; QEMU's interrupt mode is none. */
function releaseMsiRoutes(
  w: World,
  why:
    | { readonly reason: 'retry'; readonly requested: number; readonly retry: number }
    | { readonly reason: 'failed' | 'disable' },
): number {
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
    payload: { released: released.length, gsis: released.map((v) => v.virq), ...why },
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
    emitSetIrqs(w, header, w.qemu.vectors.map((v) => v.eventfd).join(','), ret, [
      'vfio_enable_vectors',
      'vfio_pci_set_msi_trigger',
      'vfio_msi_enable',
    ]);
    if (ret > 0) {
      w.rec.emit({
        from: 'vfio',
        to: 'host-irq',
        kind: 'irq-alloc',
        payload: { requested: n, granted: ret },
        refs: ['vfio_msi_enable', 'pci_alloc_irq_vectors', 'msi_capability_init'],
      });
      releaseMsiRoutes(w, { reason: 'retry', requested: n, retry: ret });
      n = ret;
      continue;
    }
    if (ret < 0) {
      releaseMsiRoutes(w, { reason: 'failed' });
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
    payload: { note: 'request-irq', requestIrq: descs.map((d) => d.irq), handler: 'vfio_msihandler' },
    refs: ['vfio_msi_set_vector_signal', 'vfio_msihandler', 'irq_bypass_register_producer'],
  });
  if (plan.posted) (w.opts.ir === 'amd' ? pairAvic : pairBypass)(w);
}

/**
 * kvm_arch_fixup_msi_route: with a vIOMMU the guest's remappable message is translated through its IRTE
 * (the route then carries the translation, and says which virtual IRTE made it).
 */
function routeMessage(
  w: World,
  msg: { address: number; addressHi: number; data: number },
): { message: { address: number; addressHi: number; data: number }; virtualIrte?: number } {
  const d = decodeMsi(msg.address, msg.data, msg.addressHi, { remap: 'intel' });
  if (w.opts.viommu && d.format === 'remappable') {
    // The vIOMMU's IRTE holds a full 32-bit destination; KVM's x2APIC route takes bits 31:8 from address_hi.
    const virtualIrte = d.irteIndex ?? GUEST_VIRTUAL_HANDLE;
    const v = w.gk.vectors[virtualIrte - GUEST_VIRTUAL_HANDLE] ?? w.gk.vectors[0];
    const c = composeCompat({ destApicId: v.apic & 0xff, vector: v.guestVector });
    return { message: { address: c.address, addressHi: (v.apic >>> 8) << 8, data: c.data }, virtualIrte };
  }
  return { message: msg };
}

/** KVM and vfio pair on the eventfd; VT-d turns the IRTE into a posted one (vmx_pi_update_irte). */
function pairBypass(w: World): void {
  for (const { eventfd, vcpu, guestVector, irte } of bypassPairs(w)) {
    const pda = 0x1_2345_6780 + vcpu.id * 64;
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
    w.iommu.write({ ...old, posted: { guestVector, pda, urgent: false } });
    w.rec.emit({
      from: 'kvm',
      to: 'iommu',
      kind: 'irte-write',
      payload: {
        irte,
        posted: true,
        guestVector,
        vcpu: vcpu.id,
        pda,
        pdaLow: Math.floor(pda / 64) % 2 ** 26,
        pdaHigh: Math.floor(pda / 2 ** 32),
        sid: w.dev.sid,
        eventfd,
      },
      refs: ['kvm_arch_irq_bypass_add_producer', 'vmx_pi_update_irte', 'intel_ir_set_vcpu_affinity'],
    });
  }
}

/** The guest clears MSI Enable: QEMU's vfio_msi_disable tears everything down, host side included. */
export function guestDisablesMsi(w: World): void {
  const pci = w.qemu.pci!;
  const cap = pci.msi!.cap;
  const r = guestConfigWrite(w, cap + 2, 2, pci.readConfig(cap + 2, 2).value & ~1, 'PCI_MSI_FLAGS');
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
  emitSetIrqs(w, header, '', ret, ['vfio_msi_disable', 'vfio_pci_set_msi_trigger']);
  releaseMsiRoutes(w, { reason: 'disable' });
  const descs = w.host.irqs.filter((d) => gone.includes(d.irq));
  for (const d of descs) w.lapic.release(d.apic, d.vector);
  w.host.free(gone);
  w.rec.emit({
    from: 'vfio',
    to: 'host-irq',
    kind: 'irq-alloc',
    payload: { freed: gone },
    refs: ['vfio_msi_disable', 'pci_free_irq_vectors'],
    also: ['host-lapic'],
  });
  if (w.opts.ir !== 'none') {
    for (const d of descs) if (d.irte !== null) w.iommu.free(w.dev.sid, d.irte);
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: { cleared: descs.flatMap((d) => (d.irte === null ? [] : [d.irte])) },
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
    refs: ['pci_msi_shutdown'],
  });
  qemuIntxEnable(w, 'The guest disabled MSI');
}
