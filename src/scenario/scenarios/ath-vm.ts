/**
 * ath11k in a VM: S2 (default vfio, broken), S3 (MSI_NOVIRT + the ath quirk), S4 (a message the quirk
 * did not expect), S7 (posted), S8 (>255 vCPUs). S9 (Xen) is in xen.ts.
 */
import { composeCompat, composeRemappable } from '../../irq/msi-format';
import { deliver } from '../deliver';
import {
  driverReadsMessage,
  guestAllocate,
  guestConfigWrite,
  guestDisablesMsi,
  guestEnablesMsi,
  hostAffinityChange,
  programRings,
  type RingPlan,
} from '../flows';
import { hex, LORE } from '../refs';
import { msiModeFor } from '../models/actors';
import type { World } from '../world';
import { athRingPlans, athTimeoutLog, mhiSource, perRingPlans, ringSources } from './setup';

export type Branch = string | undefined;

/** Guest bring-up shared by every ath11k VM scenario; returns the rings' plans as the driver computes them. */
function bringUp(w: World, apic: number, firstVector: number): RingPlan[] {
  const n = guestAllocate(w, w.opts.vectors, apic, firstVector);
  guestEnablesMsi(w, { posted: w.opts.posted });
  const { address, dataBase } = driverReadsMessage(w);
  return w.opts.guest === 'windows'
    ? perRingPlans(address, dataBase, n)
    : athRingPlans(address, dataBase, msiModeFor(n));
}

function raiseAll(w: World): void {
  deliver(w, mhiSource(0));
  for (const s of ringSources()) deliver(w, s);
  if (w.rec.verdicts.some((v) => v.source !== 'MHI0' && v.outcome !== 'delivered')) athTimeoutLog(w);
}

/** An IMS-style guest: every ring gets its own IRQ, vector 0x30 + i, spread over the vCPUs. */
function ownMessages(w: World, plans: RingPlan[]): RingPlan[] {
  return plans.map((p, i) => {
    const apic = i % w.opts.vcpus;
    const m = composeCompat({
      destApicId: apic,
      vector: 0x30 + i,
      extDestId: w.opts.extDestId && apic > 0xff,
    });
    return { ...p, address: m.address, data: m.data };
  });
}

/** S2, S3 and S7 differ only in options (quirk, RFC kernel, posted, guest policy, device). */
export function runAthVm(w: World): void {
  const windows = w.opts.guest === 'windows';
  let plans = bringUp(w, windows ? 1 : 0, windows ? 0x40 : 0x21);
  if (w.opts.device === 'plain-msi') {
    // No onboard interrupt controller: the only messages the device sends are the ones the host programmed.
    for (let v = 0; v < w.gk.msiVectors; v++) deliver(w, { id: `MSI${v}`, kind: 'msi-vector', vector: v });
    return;
  }
  if (w.opts.guest === 'ims') plans = ownMessages(w, plans);
  programRings(w, plans);
  if (w.opts.guestToggleMsi) {
    guestDisablesMsi(w);
    guestEnablesMsi(w, { posted: w.opts.posted });
  }
  if (w.opts.affinityChange) hostAffinityChange(w, 7, 0x26);
  raiseAll(w);
}

/** S4: the guest's CE1 ring carries a message the quirk never saw. */
export function runS4(w: World, branch: Branch): void {
  const plans = bringUp(w, 0, 0x21);
  const ce1 = plans[1];
  let edited: RingPlan[];
  if (branch === 'ims' || branch === 'ims-same-address') {
    const apic = branch === 'ims' ? 2 : 0;
    const vector = 0x35;
    const msg = composeCompat({ destApicId: apic, vector });
    w.gk.log.push(`CE1 gets its own IRQ: ${hex(msg.address)}/${hex(msg.data, 4)} (IMS-style driver)`);
    w.rec.emit({
      from: 'guest-kernel',
      to: 'guest-kernel',
      kind: 'log',
      payload: {
        note: 'guest-own-vector',
        source: 'CE1',
        address: msg.address,
        data: msg.data,
        apic,
        vector,
      },
      refs: [LORE.jasonObjection],
    });
    edited = plans.map((p, i) => (i === 1 ? { ...p, address: msg.address, data: msg.data } : p));
  } else if (branch === 'wide-store') {
    edited = plans.map((p, i) => (i === 1 ? { ...p, wide: true } : p));
  } else {
    edited = plans;
  }
  programRings(w, edited);
  if (branch === 'retarget') retargetGuestMsi(w, 3, 0x22);
  deliver(w, { id: ce1.name, kind: 'ring', offset: ce1.offset });
}

/** S4c: the guest moves its MSI; QEMU updates only the KVM route (vfio_update_msi). */
function retargetGuestMsi(w: World, apic: number, vector: number): void {
  const pci = w.qemu.pci!;
  const m = composeCompat({ destApicId: apic, vector });
  w.gk.message = m;
  w.gk.vectors = [{ guestVector: vector, apic }];
  guestConfigWrite(w, pci.msi!.cap + 4, 4, m.address, 'PCI_MSI_ADDRESS_LO');
  guestConfigWrite(
    w,
    pci.msi!.cap + (pci.msi!.is64 ? 0x0c : 0x08),
    2,
    m.data,
    pci.msi!.is64 ? 'PCI_MSI_DATA_64' : 'PCI_MSI_DATA_32',
  );
  const route = w.kvm.routes.get(w.qemu.vectors[0].virq)!;
  route.address = m.address;
  route.data = m.data;
  w.rec.emit({
    from: 'qemu',
    to: 'kvm',
    kind: 'route-update',
    payload: { gsi: route.gsi, address: m.address, data: m.data, update: true },
    refs: ['vfio_update_msi', 'kvm_irqchip_update_msi_route'],
  });
}

/** S8: a guest with more than 255 vCPUs targets APIC 0x11F, vector 0x30. */
export function runS8(w: World, branch: Branch): void {
  const target = 0x11f;
  if (branch === 'none') {
    // try_to_enable_x2apic (arch/x86/kernel/apic/apic.c, since v5.10): without interrupt remapping and
    // without the hypervisor's extended destination id, x2apic_set_max_apicid(255); apic_id_valid() then
    // rejects every higher APIC id while the CPUs are enumerated, so those vCPUs never come online.
    const maxApicId = 255;
    const online = Math.min(w.opts.vcpus, maxApicId + 1);
    w.gk.log.push(
      `x2APIC without remapping or extended destination id: max APIC id ${maxApicId}; ${w.opts.vcpus - online} of ${w.opts.vcpus} vCPUs not brought online`,
    );
    w.rec.emit({
      from: 'guest-kernel',
      to: 'guest-kernel',
      kind: 'log',
      payload: { note: 'apic-limit', maxApicId, vcpus: w.opts.vcpus, online, offline: w.opts.vcpus - online },
      outcome: online < w.opts.vcpus ? 'lost' : 'ok',
      refs: ['try_to_enable_x2apic', 'x2apic_set_max_apicid', 'apic_id_valid', LORE.davidIommu],
    });
    return;
  }
  guestAllocate(w, w.opts.vectors, target, 0x30);
  if (branch === 'viommu') {
    const m = composeRemappable(0x05, 0);
    w.gk.message = m;
    w.gk.log.push('guest IR: virtual IRTE 5 → APIC 0x11f vector 0x30');
    w.rec.emit({
      from: 'guest-kernel',
      to: 'guest-kernel',
      kind: 'log',
      payload: {
        note: 'virtual-irte',
        virtualIrte: 5,
        apic: target,
        vector: 0x30,
        address: m.address,
        data: m.data,
      },
      refs: ['vtd_interrupt_remap_msi'],
    });
  }
  guestEnablesMsi(w, { posted: w.opts.posted });
  const { address, dataBase } = driverReadsMessage(w);
  programRings(w, athRingPlans(address, dataBase, msiModeFor(w.gk.msiVectors)).slice(0, 2));
  deliver(w, mhiSource(0));
  deliver(w, { id: 'CE1', kind: 'ring', offset: 0x83048 });
}
