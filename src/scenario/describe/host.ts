/**
 * Setting interrupts up: vector allocation (guest and host), IRTEs, the message the host MSI core writes
 * into the device, and KVM's MSI routes, whose destination and vector are decoded from the route's own
 * message so the text cannot name a message the route does not carry.
 */
import { bdf } from '../models/iommu';
import { routeDestination } from '../models/kvm';
import {
  ACTOR_NAMES,
  capitalized,
  has,
  hex,
  list,
  message,
  MissingFact,
  num,
  numbers,
  plural,
  opening,
  str,
  type EventFacts,
} from './facts';

const INDEX_NAMES: Readonly<Record<string, string>> = { msi: 'MSI', msix: 'MSI-X', ims: 'IMS' };

const range = (first: number, count: number) =>
  count > 1 ? `${hex(first)}–${hex(first + count - 1)}` : hex(first);

export function irqAlloc(e: EventFacts): string {
  if (str(e, 'allocator', '') === 'xen')
    return `Xen allocates IRQ ${num(e, 'irq')} with host vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'apic')} for the device (map_domain_pirq).`;
  if (has(e, 'granted') && e.from === 'vfio')
    return `pci_alloc_irq_vectors(1, ${num(e, 'requested')}, PCI_IRQ_MSI) on the host returns ${num(e, 'granted')}: without interrupt remapping the x86 MSI domain has no multi-MSI. vfio_msi_enable wanted all ${num(e, 'requested')}, so it frees what it got and returns ${num(e, 'granted')}.`;
  if (has(e, 'granted')) {
    const requested = num(e, 'requested');
    const granted = num(e, 'granted');
    const where = `from guest vector ${hex(num(e, 'firstVector'))} on APIC ${num(e, 'apic')}`;
    if (granted < requested && str(e, 'reason') === 'guest-no-ir')
      return `The driver asks for ${plural(requested, 'MSI vector')} and gets ${granted}: a Linux guest without interrupt remapping cannot do multi-MSI, so it falls back to one, ${where}.`;
    return `The driver asks for ${plural(requested, 'MSI vector')} and the guest kernel grants ${granted}, ${where}.`;
  }
  if (has(e, 'freed')) {
    const freed = list(e, 'freed');
    return freed.length
      ? `free_irq and pci_free_irq_vectors: host ${freed.length === 1 ? 'IRQ' : 'IRQs'} ${numbers(freed)} ${freed.length === 1 ? 'is' : 'are'} gone.`
      : 'There are no host IRQs to free.';
  }
  if (has(e, 'fromApic'))
    return `Host IRQ ${num(e, 'irq')} moves from APIC ${num(e, 'fromApic')} vector ${hex(num(e, 'fromVector'))} to APIC ${num(e, 'apic')} vector ${hex(num(e, 'vector'))}; the old vector is released.`;
  if (has(e, 'count')) {
    const irqs = list(e, 'irqs');
    const vectors = list(e, 'vectors');
    return `pci_alloc_irq_vectors on the host: ${plural(num(e, 'count'), 'Linux IRQ')} (${numbers(irqs)}), host ${vectors.length > 1 ? `vectors ${range(vectors[0], vectors.length)}` : `vector ${hex(vectors[0])}`} on APIC ${num(e, 'apic')}.`;
  }
  if (has(e, 'entry'))
    return `${capitalized(ACTOR_NAMES[e.from])} allocates host IRQ ${num(e, 'irq')} (vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'apic')}) for ${INDEX_NAMES[str(e, 'index')] ?? str(e, 'index')} entry ${num(e, 'entry')}, requested with vfio_msihandler.`;
  if (has(e, 'source'))
    return `The guest's IMS domain gives ${str(e, 'source')} its own IRQ: vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'apic')}, message ${message(num(e, 'address'), num(e, 'data'))}.`;
  throw new MissingFact('irq-alloc: no text for this payload');
}

export function irteWrite(e: EventFacts): string {
  if (e.payload.guestMode === true)
    return `KVM and vfio-pci pair on eventfd ${str(e, 'eventfd')}: avic_pi_update_irte puts IRTE ${hex(num(e, 'irte'))} in guest mode, vector ${hex(num(e, 'vector'))} into vCPU ${num(e, 'vcpu')}'s vAPIC backing page ${hex(num(e, 'backingPage'))}; IsRun ${e.payload.isRun === true ? `1, destination APIC ${num(e, 'destination')}` : '0 (the vCPU is not running)'}.`;
  if (e.payload.posted === true)
    return `KVM and vfio-pci pair on eventfd ${str(e, 'eventfd')}: IRTE ${hex(num(e, 'irte'))} becomes posted, guest vector ${hex(num(e, 'guestVector'))} straight into vCPU ${num(e, 'vcpu')}'s descriptor at 0x${num(e, 'pda').toString(16)}.`;
  if (has(e, 'cleared')) {
    const cleared = list(e, 'cleared');
    return `${cleared.length === 1 ? 'IRTE' : 'IRTEs'} ${cleared.map((i) => hex(i)).join(', ')} freed (present bit clear).`;
  }
  if (has(e, 'moved'))
    return `gvec_as_irte_idx (device ${hex(num(e, 'device'), 4)} is listed): pirq_guest_bind_gvec passes the guest vector down, and amd_iommu_msi_msg_update_ire clears entry ${hex(num(e, 'moved'))} and puts host vector ${hex(num(e, 'vector'))} on APIC ${num(e, 'dest')} at index ${hex(num(e, 'first'))}.`;
  const first = num(e, 'first');
  const to = (count: number) =>
    `host ${count > 1 ? 'vectors from' : 'vector'} ${hex(num(e, 'vector'))} on APIC ${num(e, 'dest')}`;
  if (e.payload.affinity === true)
    return `With remapping only IRTE ${hex(first)} changes (now ${to(1)}); the device keeps its message, so copies of it stay valid.`;
  const count = num(e, 'count');
  if (str(e, 'ir') === 'amd')
    return `AMD: ${plural(count, 'entry', 'entries')} in ${bdf(num(e, 'sid'))}'s own table from index ${hex(first)} → ${to(count)}${e.payload.indexIsGuestVector === true ? ' — the index is the guest vector, as the Xen quirk chooses' : ''}.`;
  return `VT-d: ${plural(count, 'IRTE')} at ${range(first, count)} → ${to(count)}, only for requester ${bdf(num(e, 'sid'))}.`;
}

export function msiProgram(e: EventFacts): string {
  if (has(e, 'table'))
    return `The host writes the device's MSI-X table entry ${num(e, 'entry')} = ${message(num(e, 'address'), num(e, 'data'))} and unmasks it.`;
  if (has(e, 'enable') && num(e, 'enable') === 0)
    return "The host MSI core clears Enable in the device's MSI capability.";
  const by = typeof e.payload.by === 'string' ? e.payload.by : 'the host MSI core';
  const amd = e.payload.remap === 'amd' ? '; AMD remapping looks only at the data, the IRTE index' : '';
  return `${capitalized(by)} writes its own message ${message(num(e, 'address'), num(e, 'data'))} into the device's MSI capability (${plural(num(e, 'vectors'), 'vector')}) and enables it${amd}.`;
}

/** "APIC 0x11f, vector 0x30", decoded from a route's message the way KVM reads it. */
function routeTarget(address: number, data: number, addressHi: number): string {
  const t = routeDestination(address, data, addressHi);
  return `APIC ${hex(t.apic)}, vector ${hex(t.vector)}`;
}

export function routeUpdate(e: EventFacts): string {
  if (has(e, 'released')) return `QEMU releases ${plural(num(e, 'released'), 'KVM route')} and their irqfds.`;
  const gsi = num(e, 'gsi');
  const address = num(e, 'address');
  const data = num(e, 'data');
  const hi = typeof e.payload.addressHi === 'number' ? e.payload.addressHi : 0;
  const route = `KVM route GSI ${gsi} carries ${hi ? `${hex(hi)}:` : ''}${message(address, data)} (${routeTarget(address, data, hi)})`;
  if (e.payload.update === true)
    return `${route} now: vfio_update_msi changes only the route; the host vector and the device's message stay as they were.`;
  const via = has(e, 'virtualIrte')
    ? `, translated from the guest's remappable ${message(num(e, 'guestAddress'), num(e, 'guestData'))} through its virtual IRTE ${hex(num(e, 'virtualIrte'))}`
    : '';
  return opening(e, `${route}${via}; irqfd ${str(e, 'eventfd')} fires it.`);
}
