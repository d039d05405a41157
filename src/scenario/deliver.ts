/**
 * One interrupt, from the device's memory write to wherever it ends: blocked by the IOMMU, lost at a host
 * APIC with no handler, delivered to a host driver, injected into a vCPU through vfio's eventfd and KVM's
 * route, or posted straight into the vCPU's descriptor.
 */
import { decodeMsi } from '../irq/msi-format';
import type { SourceDef } from './models/device';
import { deliverGuestMode } from './flows/avic';
import { xenDeliver } from './scenarios/xen';
import { bdf, dmarIntrRemapLog } from './models/iommu';
import { notSentWhy } from './describe/index';
import { POSTED_INTR_WAKEUP_VECTOR } from './models/kvm';
import { hex, LORE } from './refs';
import type { Verdict } from './timeline';
import type { World } from './world';

export function deliver(w: World, src: SourceDef): Verdict {
  const e = w.dev.raise(src);
  const done = (v: Verdict) => {
    w.rec.verdict(v);
    return v;
  };
  if (!e.ok) {
    const { ok: _, ...cause } = e;
    w.rec.emit({
      from: 'device',
      to: 'device',
      kind: 'log',
      payload: { note: 'not-sent', source: src.id, ...cause },
      outcome: 'lost',
      refs: [],
      source: src.id,
    });
    return done({ source: src.id, outcome: 'lost', at: 'device', why: notSentWhy(cause) });
  }
  const fmt = decodeMsi(e.address, e.data, 0, { remap: w.opts.ir === 'none' ? 'none' : w.opts.ir }).format;
  w.rec.emit({
    from: 'device',
    to: 'iommu',
    kind: 'msi-write',
    payload: { address: e.address, data: e.data, sid: w.dev.sid, format: fmt },
    refs: [],
    source: src.id,
  });
  const hit = w.iommu.lookup(e.address, e.data, w.dev.sid);
  if (hit.kind === 'fault') {
    const line =
      w.opts.ir === 'intel'
        ? dmarIntrRemapLog(w.dev.sid, hit.index, hit.reason as number, hit.text)
        : `AMD-Vi: interrupt from ${bdf(w.dev.sid)} index ${hex(hit.index)}: ${hit.text}`;
    w.rec.emit({
      from: 'iommu',
      to: 'host-irq',
      kind: 'fault',
      payload: { reason: hit.reason, index: hit.index, sid: w.dev.sid, log: line },
      outcome: 'blocked',
      refs: ['dmar_fault', 'intel_irq_remapping', LORE.dmarReport],
      source: src.id,
    });
    return done({ source: src.id, outcome: 'blocked', at: 'iommu', why: line });
  }
  if (hit.kind === 'posted') return posted(w, src.id, hit.index, hit.guestVector, done);
  if (hit.kind === 'guest-mode') return deliverGuestMode(w, src.id, hit, done);
  const { vector, dest } = hit;
  w.rec.emit({
    from: 'iommu',
    to: 'host-lapic',
    kind: hit.kind === 'remapped' ? 'irte-lookup' : 'msi-write',
    payload: {
      ...(hit.kind === 'remapped' ? { irte: hit.index } : {}),
      vector,
      apic: dest,
      // AMD looks the entry up in the requester's own table, so the text names the requester.
      ...(hit.kind === 'remapped' && w.opts.ir === 'amd' ? { ir: 'amd', sid: w.dev.sid } : {}),
    },
    refs:
      hit.kind !== 'remapped'
        ? []
        : w.opts.ir === 'amd'
          ? ['irq_remapping_alloc', 'fill_msi_msg']
          : ['intel_irq_remapping'],
    source: src.id,
  });
  const irq = w.lapic.lookup(dest, vector);
  const desc = irq === undefined ? undefined : w.host.irqs.find((d) => d.irq === irq);
  if (!desc) {
    const line = `__common_interrupt: ${dest}.${vector} No irq handler for vector`;
    w.lapic.log.push(line);
    w.rec.emit({
      from: 'host-lapic',
      to: 'host-irq',
      kind: 'host-interrupt',
      payload: { apic: dest, vector, log: line },
      outcome: 'lost',
      refs: ['common_interrupt'],
      source: src.id,
    });
    return done({ source: src.id, outcome: 'lost', at: 'host-lapic', why: line });
  }
  w.rec.emit({
    from: 'host-lapic',
    to: 'host-irq',
    kind: 'host-interrupt',
    payload: { apic: dest, vector, irq: desc.irq, handler: desc.handler },
    refs: ['common_interrupt'],
    source: src.id,
  });
  if (w.hypervisor === 'xen') return xenDeliver(w, src.id, desc, done);
  const ctx = w.vfio.contexts.find((c) => c.hostIrq === desc.irq);
  if (!ctx) {
    w.gd.handled.push(src.id);
    w.rec.emit({
      from: 'host-irq',
      to: 'guest-driver',
      kind: 'isr',
      payload: { irq: desc.irq, vector, cpu: dest },
      outcome: 'delivered',
      refs: ['ath11k_pcic_ce_interrupt_handler'],
      source: src.id,
    });
    return done({
      source: src.id,
      outcome: 'delivered',
      guestVector: vector,
      vcpu: dest,
      at: 'guest-driver',
      why: `handled on CPU with APIC ${dest}, vector ${hex(vector)}`,
    });
  }
  w.rec.emit({
    from: 'host-irq',
    to: 'vfio',
    kind: 'isr',
    payload: { irq: desc.irq, handler: 'vfio_msihandler' },
    refs: ['vfio_msihandler'],
    source: src.id,
  });
  w.rec.emit({
    from: 'vfio',
    to: 'kvm',
    kind: 'eventfd-signal',
    payload: { eventfd: ctx.eventfd },
    refs: ['eventfd_signal', 'irqfd_wakeup'],
    source: src.id,
  });
  return inject(w, src.id, w.kvm.irqfds.get(ctx.eventfd)!, done);
}

function inject(w: World, source: string, gsi: number, done: (v: Verdict) => Verdict): Verdict {
  const t = w.kvm.target(gsi);
  const vcpu = t ? w.vcpus.byApic(t.apic) : undefined;
  if (!t || !vcpu) {
    w.rec.emit({
      from: 'kvm',
      to: 'vcpu',
      kind: 'route-lookup',
      payload: { gsi, apic: t?.apic ?? null },
      outcome: 'lost',
      refs: ['kvm_set_msi_irq'],
      source,
    });
    return done({ source, outcome: 'lost', at: 'kvm', why: `GSI ${gsi} targets no vCPU` });
  }
  vcpu.irr.push(t.vector);
  vcpu.handled.push(t.vector);
  w.rec.emit({
    from: 'kvm',
    to: 'vcpu',
    kind: 'injection',
    payload: { gsi, guestVector: t.vector, vcpu: vcpu.id },
    outcome: 'delivered',
    refs: ['kvm_set_msi_irq', 'kvm_irq_delivery_to_apic_fast'],
    source,
  });
  return done({
    source,
    outcome: 'delivered',
    guestVector: t.vector,
    vcpu: vcpu.id,
    at: 'vcpu',
    why: `guest vector ${hex(t.vector)} on vCPU ${vcpu.id}`,
  });
}

function posted(
  w: World,
  source: string,
  irte: number,
  guestVector: number,
  done: (v: Verdict) => Verdict,
): Verdict {
  const pi = [...w.kvm.pi.values()].find((p) => w.iommu.entry(w.dev.sid, irte)?.posted?.pda === p.address)!;
  const vcpu = w.vcpus.list[pi.vcpu];
  pi.pir.push(guestVector);
  const notify = !pi.on && !pi.sn;
  if (!pi.sn) pi.on = true;
  w.rec.emit({
    from: 'iommu',
    to: 'kvm',
    kind: 'posted',
    payload: {
      irte,
      guestVector,
      pir: guestVector,
      on: pi.on,
      sn: pi.sn,
      nv: notify ? pi.nv : null,
      ndst: pi.ndst,
    },
    refs: ['vmx_pi_update_irte', 'pi_desc'],
    source,
  });
  vcpu.irr.push(guestVector);
  vcpu.handled.push(guestVector);
  // The vCPU folds PIR into its virtual IRR and the notification is consumed: ON clears.
  pi.pir = pi.pir.filter((v) => v !== guestVector);
  pi.on = false;
  w.rec.emit({
    from: 'kvm',
    to: 'vcpu',
    kind: 'injection',
    payload: { guestVector, vcpu: vcpu.id, posted: true, nv: pi.nv, sn: pi.sn },
    outcome: 'delivered',
    refs: postedPickupRefs(pi.sn, pi.nv),
    source,
  });
  return done({
    source,
    outcome: 'delivered',
    guestVector,
    vcpu: vcpu.id,
    at: 'vcpu',
    why: `posted: guest vector ${hex(guestVector)} on vCPU ${vcpu.id}`,
  });
}

/**
 * Who moves a posted vector from PIR into the vCPU's virtual IRR. A running vCPU: the CPU itself, on the
 * notification vector, with no host code at all (only the descriptor, struct pi_desc, is involved). A
 * blocked one: the wake-up vector's pi_wakeup_handler kicks it, and vmx_sync_pir_to_irr folds PIR on its
 * next VM entry; with notification suppressed (preempted), only that fold. vmx_deliver_interrupt is
 * KVM's software posting (IPIs, emulated devices), not the IOMMU's, so it is not named here.
 */
function postedPickupRefs(suppressed: boolean, nv: number): string[] {
  if (suppressed) return ['vmx_sync_pir_to_irr'];
  if (nv === POSTED_INTR_WAKEUP_VECTOR) return ['pi_wakeup_handler', 'vmx_sync_pir_to_irr'];
  return ['pi_desc'];
}
