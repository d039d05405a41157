/**
 * AMD's posted interrupts: AVIC with the IOMMU's guest virtual APIC mode. Not VT-d's posted-interrupt
 * descriptor with a notification vector: the IRTE (128-bit GA format) names the vCPU's vAPIC backing page,
 * the IOMMU sets the vector in that page's IRR and then rings the AVIC doorbell of the pCPU running the
 * vCPU (IsRun=1), or writes a GA log entry and interrupts the host (IsRun=0, GALogIntr=1).
 * Linux v6.11 (the RFC's base): arch/x86/kvm/svm/avic.c, drivers/iommu/amd/iommu.c.
 */
import { hex } from '../refs';
import type { Lookup } from '../models/iommu';
import type { Verdict } from '../timeline';
import type { World } from '../world';
import { bypassPairs } from './bypass';

/** Where the example vAPIC backing pages sit in host memory (page-aligned, one per vCPU). */
const BACKING_PAGE_BASE = 0x1234_5000;
/** The VM's AVIC id (avic_vm_id, from a global counter; the first VM gets 1). */
const AVIC_VM_ID = 1;

/**
 * avic_pi_update_irte: for each producer whose route targets one vCPU, irq_set_vcpu_affinity →
 * amd_ir_set_vcpu_affinity → amd_iommu_activate_guest_mode (GuestMode=1, GALogIntr=1, GA root pointer,
 * vector, GATag); IsRun and Destination follow the vCPU through avic_vcpu_load/put → amd_iommu_update_ga.
 */
export function pairAvic(w: World): void {
  for (const { eventfd, vcpu, guestVector, irte } of bypassPairs(w)) {
    const page = BACKING_PAGE_BASE + vcpu.id * 0x1000;
    w.kvm.avic.set(vcpu.id, { vcpu: vcpu.id, address: page, irr: [] });
    const guestMode = {
      vector: guestVector,
      gaTagVm: AVIC_VM_ID,
      gaTagVcpu: vcpu.id,
      gaRootPtr: page / 0x1000,
      isRun: w.opts.vcpuState === 'running',
      destination: vcpu.pcpu,
      gaLogIntr: true,
    };
    const old = w.iommu.entry(w.dev.sid, irte)!;
    w.iommu.write({ ...old, guestMode });
    w.rec.emit({
      from: 'kvm',
      to: 'iommu',
      kind: 'irte-write',
      payload: {
        irte,
        sid: w.dev.sid,
        guestMode: true,
        ...guestMode,
        backingPage: page,
        eventfd,
        vcpu: vcpu.id,
      },
      refs: [
        'kvm_arch_irq_bypass_add_producer',
        'avic_pi_update_irte',
        'amd_ir_set_vcpu_affinity',
        'amd_iommu_activate_guest_mode',
        'amd_iommu_update_ga',
      ],
    });
  }
}

/** The IOMMU delivers through a guest-mode IRTE: IRR bit in the backing page, then doorbell or GA log. */
export function deliverGuestMode(
  w: World,
  source: string,
  hit: Extract<Lookup, { kind: 'guest-mode' }>,
  done: (v: Verdict) => Verdict,
): Verdict {
  const page = w.kvm.avic.get(hit.gaTagVcpu)!;
  const vcpu = w.vcpus.list[hit.gaTagVcpu];
  page.irr.push(hit.vector);
  const gaLog = !hit.isRun && hit.gaLogIntr;
  w.rec.emit({
    from: 'iommu',
    to: 'kvm',
    kind: 'posted',
    payload: {
      irte: hit.index,
      guestMode: true,
      vector: hit.vector,
      vcpu: vcpu.id,
      backingPage: page.address,
      gaTagVm: hit.gaTagVm,
      gaTagVcpu: hit.gaTagVcpu,
      isRun: hit.isRun,
      doorbell: hit.isRun ? hit.destination : null,
      gaLog,
    },
    refs: ['amd_iommu_activate_guest_mode', 'avic_vcpu_load', 'avic_vcpu_put'],
    source,
  });
  if (gaLog) {
    w.rec.emit({
      from: 'iommu',
      to: 'host-irq',
      kind: 'log',
      payload: {
        note: 'ga-log',
        gaLogTagVm: hit.gaTagVm,
        gaLogTagVcpu: hit.gaTagVcpu,
        vcpuState: w.opts.vcpuState,
      },
      refs: ['amd_iommu_int_thread', 'iommu_poll_ga_log', 'avic_ga_log_notifier', 'kvm_vcpu_wake_up'],
      source,
    });
  }
  page.irr = page.irr.filter((v) => v !== hit.vector);
  vcpu.irr.push(hit.vector);
  vcpu.handled.push(hit.vector);
  w.rec.emit({
    from: 'kvm',
    to: 'vcpu',
    kind: 'injection',
    payload: {
      guestVector: hit.vector,
      vcpu: vcpu.id,
      posted: true,
      avic: true,
      isRun: hit.isRun,
      vcpuState: w.opts.vcpuState,
    },
    outcome: 'delivered',
    refs: ['avic_vcpu_load', 'svm_deliver_interrupt'],
    source,
  });
  return done({
    source,
    outcome: 'delivered',
    guestVector: hit.vector,
    vcpu: vcpu.id,
    at: 'vcpu',
    why: `AVIC: guest vector ${hex(hit.vector)} on vCPU ${vcpu.id}`,
  });
}
