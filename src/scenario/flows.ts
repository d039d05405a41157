/**
 * The hops scenarios are made of. Each hop changes the models and records one event per actor-to-actor
 * step, with exact values and the kernel/QEMU function it follows.
 */
import { composeCompat, composeRemappable, decodeMsi } from '../irq/msi-format';
import { errnoName } from '../errors';
import { readLE } from '../util/bytes';
import {
  msiQmax,
  checkSetIrqs,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
} from '../vfio/irqs';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../vfio/constants';
import { RING_MSI1_ENABLE } from './models/device';
import { bdf } from './models/iommu';
import { POSTED_INTR_VECTOR, POSTED_INTR_WAKEUP_VECTOR } from './models/kvm';
import { hex, LORE } from './refs';
import type { ActorId } from './timeline';
import type { World } from './world';

const EVENTFD_TRIGGER = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;

/** vfio_probe_ath_bar0_quirk: ask for PCI_MSI_NOVIRT; install the BAR0 window trap only if it worked. */
export function probeAthQuirk(w: World): void {
  const flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
  const ret = w.vfio.dev.deviceFeature(flags, 8);
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_FEATURE', flags, argsz: 8, ret },
    outcome: ret === 0 ? 'ok' : 'blocked',
    explanation:
      ret === 0
        ? 'QEMU asks vfio-pci to stop virtualizing the MSI address and data, so it can read the values the host programmed.'
        : `The host kernel does not know feature 11 (${errnoName(ret)}), so QEMU cannot learn the host message and installs no quirk.`,
    refs: ['vfio_probe_ath_bar0_quirk', 'vfio_pci_core_feature_msi_novirt', LORE.qemuRfc, LORE.kernelRfc],
  });
  if (ret === 0) w.qemu.quirk = { installed: true, base: 0x80000, size: 0x40000, armed: null };
  else
    w.qemu.warnings.push(
      'vfio: host does not support the MSI no-virtualization feature; ath quirk not installed',
    );
  w.rec.emit({
    from: 'qemu',
    to: 'qemu',
    kind: 'log',
    payload:
      ret === 0
        ? { region: 'vfio-ath-quirk', base: 0x80000, size: 0x40000 }
        : { warning: w.qemu.warnings[0] },
    explanation:
      ret === 0
        ? 'A write trap now covers BAR0 0x80000–0xbffff (the ring registers the driver programs).'
        : 'No quirk: guest ring writes will reach the device unchanged.',
    refs: ['vfio_probe_ath_bar0_quirk'],
  });
}

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
  w.gd.mode = granted > 1 ? 'multi-msi' : 'one-msi';
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
  /** Xen/AMD quirk: put the host IRTE at the guest vector's index. */
  readonly xenGuestVectorIndex?: number;
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

/** vfio_msi_enable in QEMU: KVM routes and irqfds per vector, then VFIO_DEVICE_SET_IRQS. */
function qemuMsiEnable(w: World, plan: EnablePlan): void {
  const pci = w.qemu.pci!;
  const n = pci.msiVectors();
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
  const header = { argsz: 20 + 4 * n, flags: EVENTFD_TRIGGER, index: 1, start: 0, count: n };
  const ret = checkSetIrqs(w.vfio.dev, header);
  emitSetIrqs(
    w,
    header,
    w.qemu.vectors.map((v) => v.eventfd).join(','),
    ret,
    `QEMU hands vfio-pci ${n} eventfd(s) for the MSI index; the host must now produce real interrupts for them.`,
    ['vfio_enable_vectors', 'vfio_pci_set_msi_trigger'],
  );
  if (ret) return;
  const descs = hostAllocateAndProgram(w, 'vfio', n, plan);
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
  if (plan.posted) pairBypass(w);
}

/** QEMU → vfio: one VFIO_DEVICE_SET_IRQS call as the timeline shows it. */
export function emitSetIrqs(
  w: World,
  header: { argsz: number; flags: number; index: number | string; start: number; count: number },
  eventfds: string,
  ret: number,
  explanation: string,
  refs: readonly string[],
): void {
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_SET_IRQS', ...header, eventfds, ret },
    outcome: ret < 0 ? 'blocked' : 'ok',
    explanation: ret < 0 ? `SET_IRQS fails with ${errnoName(ret)}.` : explanation,
    refs,
  });
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

/**
 * The host side of pci_alloc_irq_vectors for the device: vectors and destinations, IRTEs with remapping,
 * and the message the MSI core writes into the physical capability.
 */
export function hostAllocateAndProgram(
  w: World,
  from: ActorId,
  n: number,
  hostPlan?: { xenGuestVectorIndex?: number },
) {
  const remapped = w.opts.ir !== 'none';
  const descs = w.host.allocate(n, (k) => `msi-${k}`, remapped);
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
    explanation: `pci_alloc_irq_vectors(1, ${n}, PCI_IRQ_MSI) on the host: ${n} Linux IRQ(s), host vector ${hex(descs[0].vector)} on APIC ${descs[0].apic}${n > 1 ? ' and up' : ''}.`,
    refs: ['vfio_msi_enable', 'pci_alloc_irq_vectors', 'msi_capability_init'],
    also: ['host-lapic'],
  });
  let message: { address: number; data: number };
  if (w.opts.ir === 'intel') {
    for (const d of descs)
      w.iommu.write({ index: d.irte!, present: true, vector: d.vector, dest: d.apic, sid: w.dev.sid });
    message = composeRemappable(descs[0].irte!, 0);
  } else if (w.opts.ir === 'amd') {
    const base = hostPlan?.xenGuestVectorIndex ?? descs[0].irte!;
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
      },
      explanation:
        w.opts.ir === 'amd'
          ? `AMD: ${n} entr${n > 1 ? 'ies' : 'y'} in the device's own table from index ${hex(message.data)}${hostPlan?.xenGuestVectorIndex !== undefined ? ' — the guest vector, as the Xen quirk chooses' : ''}.`
          : `VT-d: IRTE ${hex(descs[0].irte!)}${n > 1 ? `–${hex(descs[0].irte! + n - 1)}` : ''} → host vector ${hex(descs[0].vector)} on APIC ${descs[0].apic}, only for source ${bdf(w.dev.sid)}.`,
      refs:
        w.opts.ir === 'amd'
          ? ['amd_ir_set_vcpu_affinity', 'fill_msi_msg', LORE.xenAmd]
          : ['intel_irq_remapping_alloc', 'fill_msi_msg'],
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
    explanation: `The host writes its own message ${hex(message.address)}/${hex(message.data, 4)} into the device's MSI capability and enables it.`,
    refs: ['__pci_write_msi_msg', 'msi_capability_init'],
  });
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

/** ath11k: the address comes from a config read (QEMU's copy in a VM), the data base from msg.data. */
export function driverReadsMessage(w: World): { address: number; dataBase: number } {
  const cap = w.dev.msiCap;
  // Bare metal reads the device; a guest's read is QEMU's merge (all MSI bits from its emulated copy).
  const read = w.bareMetal
    ? {
        value: readLE(w.vfio.dev.physical, cap + 4, 4),
        fromQemu: 0,
        fromVconfig: 0,
        fromHardware: 0xffffffff,
      }
    : w.qemu.pci!.readConfig(cap + 4, 4);
  const address = read.value;
  w.gd.address = address;
  w.rec.emit({
    from: 'guest-driver',
    to: w.bareMetal ? 'device' : 'qemu',
    kind: 'config-read',
    payload: {
      offset: cap + 4,
      size: 4,
      value: address,
      fromQemu: read.fromQemu,
      fromVconfig: read.fromVconfig,
      fromHardware: read.fromHardware,
    },
    explanation: w.bareMetal
      ? `ath11k reads PCI_MSI_ADDRESS_LO from the device: ${hex(address)}, the host's own message.`
      : `ath11k reads PCI_MSI_ADDRESS_LO: QEMU answers from its emulated copy, ${hex(address)} — the guest's value.`,
    refs: ['ath11k_pci_alloc_msi', 'vfio_pci_read_config'],
    also: ['guest-driver'],
  });
  // The kernel's cached message equals what it wrote into the device (bare metal) or composed (guest).
  const dataBase = w.bareMetal ? readData(w) : w.gk.message!.data;
  w.gd.dataBase = dataBase;
  w.rec.emit({
    from: w.bareMetal ? 'host-irq' : 'guest-kernel',
    to: 'guest-driver',
    kind: 'log',
    payload: { msgData: dataBase },
    explanation: `ath11k takes the data base from the kernel's cached message (msi_desc->msg.data): ${hex(dataBase, 4)}.`,
    refs: ['ath11k_pci_config_msi_data'],
  });
  return { address, dataBase };
}

function readData(w: World): number {
  const cap = w.dev.msiCap;
  const is64 = (w.vfio.dev.physical[cap + 2] & 0x80) !== 0;
  return readLE(w.vfio.dev.physical, cap + (is64 ? 0x0c : 0x08), 2);
}

export interface RingPlan {
  readonly name: string;
  readonly offset: number;
  readonly address: number;
  readonly data: number;
  /** One 8-byte store for LSB+MSB instead of two 4-byte writes. */
  readonly wide?: boolean;
  /** DATA written before LSB/MSB. */
  readonly dataFirst?: boolean;
}

/** The driver copies its message into each ring's MSI1 registers; the ath quirk may rewrite them on the way. */
export function programRings(w: World, plans: readonly RingPlan[]): void {
  for (const plan of plans) {
    const p = {
      ...plan,
      wide: plan.wide ?? w.opts.ringWrites === 'wide',
      dataFirst: plan.dataFirst ?? w.opts.ringWrites === 'data-first',
    };
    w.gd.rings.push({ name: p.name, offset: p.offset, data: p.data });
    if (p.dataFirst) mmioWrite(w, p.offset + 8, 4, BigInt(p.data), p.name);
    if (p.wide) {
      mmioWrite(w, p.offset, 8, BigInt(p.address) | (BigInt(RING_MSI1_ENABLE) << 32n), p.name);
    } else {
      mmioWrite(w, p.offset, 4, BigInt(p.address), p.name);
      mmioWrite(w, p.offset + 4, 4, BigInt(RING_MSI1_ENABLE), p.name);
    }
    if (!p.dataFirst) mmioWrite(w, p.offset + 8, 4, BigInt(p.data), p.name);
  }
}

const inQuirk = (w: World, offset: number) => {
  const q = w.qemu.quirk;
  return !!q?.installed && offset >= q.base && offset < q.base + q.size;
};

function mmioWrite(w: World, offset: number, size: 4 | 8, value: bigint, ring: string): void {
  if (!inQuirk(w, offset)) {
    w.dev.mmioWrite(offset, size, value);
    w.rec.emit({
      from: 'guest-driver',
      to: 'device',
      kind: 'mmio-write',
      payload: {
        bar: 0,
        offset,
        size,
        value: Number(value & 0xffffffffn),
        ...(size === 8 ? { valueHi: Number(value >> 32n) } : {}),
      },
      explanation: `${ring}: the write reaches the device unchanged${w.qemu.quirk ? ' (it misses the quirk)' : ''}.`,
      refs: ['ath11k_hal_srng_dst_hw_init'],
      source: ring,
      also: ['guest-driver'],
    });
    return;
  }
  const q = w.qemu.quirk!;
  const pci = w.qemu.pci!;
  const cap = w.dev.msiCap;
  let out = value;
  let note = 'forwarded unchanged';
  w.rec.emit({
    from: 'guest-driver',
    to: 'qemu',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size, value: Number(value & 0xffffffffn) },
    explanation: `${ring}: the write lands in QEMU's ath quirk trap.`,
    refs: ['vfio_ath_quirk_write'],
    source: ring,
    also: ['guest-driver'],
  });
  if (size === 4 && pci.msiEnabled()) {
    const guest = pci.msiMessage(0);
    const v = Number(value);
    if (v === guest.address) {
      const phys = w.vfio.dev.readDetailed(cap + 4, 4);
      q.armed = offset + 8;
      out = BigInt(phys.value);
      note = `guest address replaced by the host's ${hex(phys.value)}; data slot ${hex(q.armed)} armed`;
      w.rec.emit({
        from: 'qemu',
        to: 'vfio',
        kind: 'config-read',
        payload: {
          offset: cap + 4,
          size: 4,
          value: phys.value,
          fromHardware: phys.fromHardware,
          fromVconfig: phys.fromVconfig,
        },
        explanation: `The value equals the guest MSI address, so QEMU reads the physical address through the now un-virtualized config region: ${hex(phys.value)}.`,
        refs: ['vfio_ath_quirk_write', 'vfio_pci_msi_novirt', LORE.qemuRfc],
        source: ring,
        also: ['qemu'],
      });
    } else if (q.armed === offset) {
      const nvec = pci.msiVectors();
      const mask = nvec - 1;
      const nr = v & mask;
      q.armed = null;
      if ((v & ~mask) === guest.data) {
        const phys = w.vfio.dev.readDetailed(cap + 8, 2);
        out = BigInt(phys.value + nr);
        note = `guest data ${hex(v)} = base + ${nr} → host data ${hex(phys.value + nr)}`;
        w.rec.emit({
          from: 'qemu',
          to: 'vfio',
          kind: 'config-read',
          payload: {
            offset: cap + 8,
            size: 2,
            value: phys.value,
            fromHardware: phys.fromHardware,
            vectorOffset: nr,
          },
          explanation: `The armed data slot: ${hex(v)} is the guest base plus ${nr}, so QEMU substitutes the host data ${hex(phys.value)} plus ${nr}.`,
          refs: ['vfio_ath_quirk_write', LORE.qemuRfc],
          source: ring,
          also: ['qemu'],
        });
      } else {
        note = `data ${hex(v)} is outside [${hex(guest.data)}, ${hex(guest.data + nvec)}): left alone, slot disarmed`;
      }
    }
  } else if (size !== 4) {
    note = `a ${size}-byte access: the quirk only handles 4-byte writes, so it passes through unchanged`;
  }
  w.dev.mmioWrite(offset, size, out);
  w.rec.emit({
    from: 'qemu',
    to: 'device',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size, value: Number(out & 0xffffffffn) },
    explanation: `${ring}: ${note}.`,
    refs: ['vfio_ath_quirk_write', 'vfio_region_write'],
    source: ring,
    also: ['qemu'],
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
    explanation: `IRQ ${d.irq} moves from APIC ${was.apic} vector ${hex(was.vector)} to APIC ${apic} vector ${hex(vector)}; the old vector is released.`,
    refs: ['irq_set_affinity', 'apic_set_affinity', LORE.oneMsiFix],
  });
  if (d.irte !== null && w.opts.ir !== 'none') {
    const old = w.iommu.entry(w.dev.sid, d.irte)!;
    w.iommu.write({ ...old, vector, dest: apic });
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: { first: d.irte, count: 1, vector, dest: apic, sid: w.dev.sid },
      explanation: `With remapping only IRTE ${hex(d.irte)} changes; the device keeps its message, so copies of it stay valid.`,
      refs: ['intel_ir_set_affinity'],
    });
    return;
  }
  programDeviceMsi(w, composeCompat({ destApicId: apic, vector }), 1);
}

/** The guest clears MSI Enable: QEMU's vfio_msi_disable tears everything down, host side included. */
export function guestDisablesMsi(w: World): void {
  const pci = w.qemu.pci!;
  const cap = pci.msi!.cap;
  const r = guestConfigWrite(w, cap + 2, 2, pci.readConfig(cap + 2, 2).value & ~1, 'MSI flags (disable)');
  if (r.transition !== 'msi-disable') return;
  const header = {
    argsz: 20,
    flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: 1,
    start: 0,
    count: 0,
  };
  const ret = checkSetIrqs(w.vfio.dev, header);
  const gone = w.vfio.contexts.splice(0).map((c) => c.hostIrq);
  w.vfio.dev.host.setIrqState('none');
  emitSetIrqs(
    w,
    header,
    '',
    ret,
    'vfio_msi_disable: SET_IRQS with DATA_NONE and count 0 disables the MSI index.',
    ['vfio_msi_disable', 'vfio_pci_set_msi_trigger'],
  );
  for (const v of w.qemu.vectors.splice(0)) {
    w.kvm.routes.delete(v.virq);
    w.kvm.irqfds.delete(v.eventfd);
    w.kvm.bypass.delete(v.eventfd);
  }
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'route-update',
    payload: { released: gone.length },
    explanation: 'QEMU releases the KVM routes and irqfds.',
    refs: ['vfio_msi_disable_common', 'kvm_irqchip_release_virq'],
    also: ['qemu'],
  });
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
    for (const d of descs) if (d.irte !== null) w.iommu.clear(w.dev.sid, d.irte);
    w.rec.emit({
      from: 'host-irq',
      to: 'iommu',
      kind: 'irte-write',
      payload: { cleared: descs.map((d) => d.irte ?? -1) },
      explanation: 'Their IRTEs are freed (present bit clear).',
      refs: ['intel_irq_remapping_free'],
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
}
