/**
 * Events of kind `log`: facts that are not a transaction between two actors (a trap installed, a driver's
 * cached value, a log line). payload.note says which fact; each note has its text here.
 */
import {
  hex,
  list,
  message,
  MissingFact,
  num,
  numbers,
  opening,
  plural,
  str,
  type EventFacts,
} from './facts';

/** Why a device sent nothing for a source (DeviceModel.raise), from the cause the model reports. */
export function notSentWhy(p: Readonly<Record<string, unknown>>): string {
  switch (p.cause) {
    case 'msi-disabled':
      return 'MSI Enable is clear in the device: no message is sent';
    case 'vector-beyond':
      return `MSI vector ${String(p.nr)} is beyond the ${String(p.enabled)} enabled`;
    case 'vector-masked':
      return `MSI vector ${String(p.nr)} is masked; it stays pending`;
    case 'ring-disabled':
      return 'the ring has no MSI enabled (MSI1_ENABLE clear)';
    case 'msix-masked':
      return `MSI-X entry ${String(p.entry)} is masked`;
    default:
      throw new MissingFact(`log: no text for a source not sent because of "${String(p.cause)}"`);
  }
}

const NOTES: Readonly<Record<string, (e: EventFacts) => string>> = {
  'xen-gvec-unlisted': (e) =>
    `Device ${hex(num(e, 'device'), 4)} is not in the RFC's gvec_as_irte_idx list (${list(e, 'listed')
      .map((i) => hex(i, 4))
      .join(', ')}): the entry stays at index ${hex(num(e, 'irte'))}.`,
  'ga-log': (e) =>
    str(e, 'vcpuState') === 'blocked'
      ? `The host's AMD IOMMU interrupt drains the GA log; avic_ga_log_notifier finds vCPU ${num(e, 'gaLogTagVcpu')} (VM ${num(e, 'gaLogTagVm')}) by its GATag and wakes it (kvm_vcpu_wake_up).`
      : `The host's AMD IOMMU interrupt drains the GA log; avic_ga_log_notifier's wake-up finds vCPU ${num(e, 'gaLogTagVcpu')} (VM ${num(e, 'gaLogTagVm')}) already runnable (it was preempted, not halted).`,
  'quirk-installed': (e) => {
    const window = `BAR0 ${hex(num(e, 'base'))}–${hex(num(e, 'base') + num(e, 'size') - 1)} (${str(e, 'driver')}'s window, from ${str(e, 'from')})`;
    return e.payload.reachable === false
      ? `QEMU installs its ath quirk trap at ${window}, but BAR0 is only ${hex(num(e, 'barSize'))} bytes: no guest access can reach it.`
      : `QEMU installs its ath quirk: a write trap over ${window}, taking accesses of ${num(e, 'validMin')} or ${num(e, 'validMax')} bytes.`;
  },
  'quirk-probe-miss': (e) =>
    `The ath quirk's probe returns at once for ${hex(num(e, 'vendor'), 4)}:${hex(num(e, 'device'), 4)}: ${str(e, 'why')}. No feature call, no trap; ring writes go straight to the device.`,
  'quirk-split': (e) => {
    const how =
      str(e, 'split') === 'access_with_adjusted_size'
        ? "the quirk's ops allow 8-byte accesses but implement none wider than 4, so access_with_adjusted_size calls the write handler twice"
        : 'the store is only 4-byte aligned inside the window, so memory_access_size cuts it into two 4-byte dispatches';
    const parts = list(e, 'offsets').map((o, i) => `${hex(list(e, 'values')[i])} at BAR0+${hex(o)}`);
    return opening(e, `${how}, low half first: ${parts.join(', then ')}.`);
  },
  'quirk-absent': (e) =>
    `No quirk (QEMU warns "${str(e, 'warning')}"): ring writes reach the device unchanged.`,
  'msg-data': (e) =>
    `The driver takes its data base from the kernel's cached message (msi_desc->msg.data): ${hex(num(e, 'msgData'), 4)}.`,
  'request-irq': (e) =>
    `request_irq(${str(e, 'handler')}) for host ${list(e, 'requestIrq').length === 1 ? 'IRQ' : 'IRQs'} ${numbers(list(e, 'requestIrq'))}; the handler only signals the eventfd, and an irq-bypass producer is registered on it.`,
  'not-sent': (e) => `${str(e, 'source')}: ${notSentWhy(e.payload)}.`,
  'guest-own-vector': (e) =>
    `An IMS-style guest gives ${str(e, 'source')} its own message ${message(num(e, 'address'), num(e, 'data'))} (vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'apic')}); no KVM route or SET_IRQS exists for it.`,
  'apic-limit': (e) => {
    const max = num(e, 'maxApicId');
    const vcpus = num(e, 'vcpus');
    const online = num(e, 'online');
    return online < vcpus
      ? `Without a vIOMMU or the extended destination id, an MSI can only name APIC ids up to ${max}, so Linux never brings the vCPUs with higher ids online: ${online} of ${vcpus} vCPUs run, vCPUs ${online}–${vcpus - 1} stay offline (${num(e, 'offline')} cannot receive device interrupts).`
      : `Without a vIOMMU or the extended destination id Linux limits APIC ids to ${max}; all ${vcpus} vCPUs fit under it.`;
  },
  'virtual-irte': (e) =>
    `The guest programs its virtual IRTE ${hex(num(e, 'virtualIrte'))} (APIC ${hex(num(e, 'apic'))}, vector ${hex(num(e, 'vector'))}) and uses the remappable message ${message(num(e, 'address'), num(e, 'data'))}.`,
  'driver-request': (e) =>
    `ath11k on the host asks for ${plural(num(e, 'requested'), 'MSI vector')} (all or nothing).`,
  'driver-timeout': (e) =>
    `No CE/DP completion interrupt ever arrives, so HTC/HTT set-up times out: ${str(e, 'log')}.`,
};

export function log(e: EventFacts): string {
  const note = str(e, 'note');
  const say = NOTES[note];
  if (!say) throw new MissingFact(`log: no text for note "${note}"`);
  return say(e);
}
