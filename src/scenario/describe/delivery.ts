/**
 * One interrupt on its way: the device's DMA write, the IOMMU's answer (remapped, posted, blocked with its
 * fault reason), the host APIC and handler, vfio's eventfd, KVM's route and the vCPU.
 */
import { bdf, VTD_FAULT_REASONS } from '../models/iommu';
import { POSTED_INTR_VECTOR, POSTED_INTR_WAKEUP_VECTOR } from '../models/kvm';
import { hex, MissingFact, num, opening, str, type EventFacts } from './facts';

/** device → IOMMU: the message as a DMA write; IOMMU → host APIC without remapping: the same message, untranslated. */
export function msiWrite(e: EventFacts): string {
  if (e.from === 'device')
    return opening(
      e,
      `the device writes ${hex(num(e, 'data'), 4)} to ${hex(num(e, 'address'))}, a DMA write from requester ${bdf(num(e, 'sid'))} (${str(e, 'format')} format).`,
    );
  return opening(
    e,
    `no interrupt remapping: the message goes out as written, host vector ${hex(num(e, 'vector'))} to APIC ${num(e, 'apic')}.`,
  );
}

/** A remapped message: VT-d's global table by handle, or AMD's per-device table by data. */
export function irteLookup(e: EventFacts): string {
  const to = `host vector ${hex(num(e, 'vector'))} goes to APIC ${num(e, 'apic')}`;
  if (str(e, 'ir', 'intel') === 'amd')
    return opening(
      e,
      `the device table entry of ${bdf(num(e, 'sid'))} points at its own remapping table; data ${hex(num(e, 'irte'))} selects a valid IRTE: ${to}.`,
    );
  return opening(e, `IRTE ${hex(num(e, 'irte'))} is present and its source id matches: ${to}.`);
}

/** A remapping fault: VT-d's numbered reasons (dmar.c's table, in our words) or AMD's event. */
export function fault(e: EventFacts): string {
  const reason = e.payload.reason;
  const index = hex(num(e, 'index'));
  const from = bdf(num(e, 'sid'));
  if (typeof reason === 'number') {
    const why =
      reason === 0x25
        ? 'a compatibility-format message, which VT-d refuses while interrupt remapping is on and CFI is clear'
        : (VTD_FAULT_REASONS[reason] ?? 'an unknown reason');
    return opening(
      e,
      `VT-d blocks the write from ${from}: fault reason ${hex(reason, 2)} at index ${index}, ${why}.`,
    );
  }
  return opening(e, `the AMD IOMMU blocks the write from ${from} at index ${index}: ${str(e, 'reason')}.`);
}

export function hostInterrupt(e: EventFacts): string {
  const at = `APIC ${num(e, 'apic')}, vector ${hex(num(e, 'vector'))}`;
  if (e.outcome === 'lost')
    return opening(e, `host ${at} has no handler: the interrupt is lost with a "No irq handler" warning.`);
  const handler = e.payload.handler;
  return opening(
    e,
    `host IRQ ${num(e, 'irq')}${typeof handler === 'string' ? ` (${handler})` : ''} fires on ${at}.`,
  );
}

export function isr(e: EventFacts): string {
  if (e.payload.boundToGuest === true)
    return opening(
      e,
      `${str(e, 'handler')} runs for Xen's IRQ ${num(e, 'irq')}: it is bound to the HVM guest, so the dpci softirq takes it.`,
    );
  if (e.to === 'vfio')
    return opening(
      e,
      `${str(e, 'handler')} runs for host IRQ ${num(e, 'irq')}: it only signals the eventfd.`,
    );
  return opening(
    e,
    `the driver's own handler runs for host IRQ ${num(e, 'irq')} (vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'cpu')}): delivered.`,
  );
}

export const eventfdSignal = (e: EventFacts): string =>
  opening(e, `vfio-pci signals eventfd ${str(e, 'eventfd')}; KVM's irqfd on it wakes up.`);

export function routeLookup(e: EventFacts): string {
  const apic = e.payload.apic;
  return opening(
    e,
    `route GSI ${num(e, 'gsi')} ${typeof apic === 'number' ? `targets APIC ${apic}, which no vCPU has` : 'does not exist'}: the interrupt is lost.`,
  );
}

/** KVM puts the guest vector into the vCPU: through the route (kvm_set_msi_irq) or from the PI descriptor. */
export function injection(e: EventFacts): string {
  const to = `guest vector ${hex(num(e, 'guestVector'))} on vCPU ${num(e, 'vcpu')}`;
  if (str(e, 'via', '') === 'vmsi')
    return opening(e, `Xen injects ${to} into its virtual LAPIC (vmsi_deliver): delivered.`);
  if (e.payload.posted !== true)
    return opening(e, `route GSI ${num(e, 'gsi')} → ${to}: the guest's handler runs.`);
  if (e.payload.avic === true) {
    const how =
      e.payload.isRun === true
        ? 'the running vCPU takes it from its vAPIC IRR without a VM exit; vfio_msihandler never runs'
        : str(e, 'vcpuState') === 'blocked'
          ? 'once woken, its next VMRUN finds the bit in the vAPIC IRR'
          : 'when it is scheduled again, its next VMRUN finds the bit in the vAPIC IRR';
    return opening(e, `${to} is delivered: ${how}.`);
  }
  const nv = e.payload.nv;
  const how =
    e.payload.sn === true
      ? 'the notification was suppressed, so the vCPU finds the bit in PIR when it is scheduled again'
      : nv === POSTED_INTR_WAKEUP_VECTOR
        ? `the wake-up vector ${hex(POSTED_INTR_WAKEUP_VECTOR)} ran pi_wakeup_handler on the host, which woke the vCPU; it then sees PIR`
        : nv === POSTED_INTR_VECTOR
          ? 'the running vCPU folds PIR into its virtual IRR without a VM exit; vfio_msihandler never runs'
          : null;
  if (!how) throw new MissingFact(`injection: no text for notification vector ${String(nv)}`);
  return opening(e, `${to} is delivered: ${how}.`);
}

/** The IOMMU writes a posted IRTE's vector into the PI descriptor and maybe notifies (vmx_pi_update_irte's setup). */
export function posted(e: EventFacts): string {
  if (e.payload.guestMode === true) {
    const head = `guest-mode IRTE ${hex(num(e, 'irte'))}: the IOMMU sets IRR bit ${hex(num(e, 'vector'))} in vCPU ${num(e, 'vcpu')}'s vAPIC backing page ${hex(num(e, 'backingPage'))}`;
    if (e.payload.isRun === true)
      return opening(
        e,
        `${head} and rings the AVIC doorbell of APIC ${num(e, 'doorbell')}, where the vCPU runs.`,
      );
    return opening(
      e,
      `${head}; IsRun is 0, so it writes a GA log entry (GATag VM ${num(e, 'gaTagVm')} / vCPU ${num(e, 'gaTagVcpu')}) and interrupts the host.`,
    );
  }
  const head = opening(e, `posted IRTE ${hex(num(e, 'irte'))}: the IOMMU sets PIR bit ${hex(num(e, 'pir'))}`);
  const nv = e.payload.nv;
  if (typeof nv === 'number')
    return `${head}, sets ON and sends notification vector ${hex(nv)} to APIC ${num(e, 'ndst')}.`;
  if (e.payload.sn === true) return `${head}, but SN suppresses the notification (the vCPU is preempted).`;
  return `${head}; ON was already set, so no second notification is sent.`;
}
