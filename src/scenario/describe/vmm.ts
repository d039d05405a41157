/**
 * What QEMU and the drivers do with the device's other interfaces: VFIO ioctls (flags decoded from the
 * payload's exact numbers) and BAR writes (the ath11k ring registers, MSI-X tables), including what the
 * ath quirk (vfio_ath_quirk_write in the QEMU RFC) did to a trapped write.
 */
import { errnoName } from '../../errors';
import {
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_SET,
} from '../../vfio/constants';
import {
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_ACTION_UNMASK,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
} from '../../vfio/irqs';
import {
  ACTOR_NAMES,
  capitalized,
  has,
  hex,
  hex64,
  message,
  MissingFact,
  num,
  opening,
  plural,
  str,
  type EventFacts,
} from './facts';

const flagNames = (flags: number, names: readonly (readonly [number, string])[]) =>
  names.filter(([bit]) => flags & bit).map(([, n]) => n);

const FEATURE_NAMES: Readonly<Record<number, string>> = {
  [VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT]: 'PCI_MSI_NOVIRT',
};

function feature(e: EventFacts): string {
  const flags = num(e, 'flags');
  const ret = num(e, 'ret');
  const nr = flags & 0xffff;
  const ops = flagNames(flags, [
    [VFIO_DEVICE_FEATURE_GET, 'GET'],
    [VFIO_DEVICE_FEATURE_SET, 'SET'],
    [VFIO_DEVICE_FEATURE_PROBE, 'PROBE'],
  ]);
  const name = FEATURE_NAMES[nr] ?? `feature ${nr}`;
  const forDevice = typeof e.payload.device === 'number' ? ` for device ${hex(e.payload.device, 4)}` : '';
  const call = `${capitalized(ACTOR_NAMES[e.from])} calls VFIO_DEVICE_FEATURE(${[...ops, name].join(' | ')}, argsz ${num(e, 'argsz')})${forDevice} = ${errnoName(ret)}`;
  if (ret < 0) return `${call}: this kernel does not offer feature ${nr} that way, so nothing changes.`;
  if (nr === VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT && flags & VFIO_DEVICE_FEATURE_SET)
    return `${call}: vfio-pci stops virtualizing the MSI address and data: reads of them return what the host programmed.`;
  return `${call}.`;
}

const IRQ_INDEXES: Readonly<Record<number, string>> = { 0: 'INTx', 1: 'MSI', 2: 'MSI-X', 3: 'ERR', 4: 'REQ' };

function setIrqs(e: EventFacts): string {
  const flags = num(e, 'flags');
  const ret = num(e, 'ret');
  const count = num(e, 'count');
  const index = e.payload.index;
  const hypothetical = e.payload.hypothetical === true;
  const cause = typeof e.payload.cause === 'string' ? `${e.payload.cause}: ` : '';
  const indexName = typeof index === 'number' ? (IRQ_INDEXES[index] ?? `index ${index}`) : str(e, 'index');
  const data = flagNames(flags, [
    [VFIO_IRQ_SET_DATA_NONE, 'DATA_NONE'],
    [VFIO_IRQ_SET_DATA_BOOL, 'DATA_BOOL'],
    [VFIO_IRQ_SET_DATA_EVENTFD, 'DATA_EVENTFD'],
    [VFIO_IRQ_SET_ACTION_MASK, 'ACTION_MASK'],
    [VFIO_IRQ_SET_ACTION_UNMASK, 'ACTION_UNMASK'],
    [VFIO_IRQ_SET_ACTION_TRIGGER, 'ACTION_TRIGGER'],
  ]).join('|');
  const fds = str(e, 'eventfds');
  const call = `${cause}${cause ? ACTOR_NAMES[e.from] : capitalized(ACTOR_NAMES[e.from])} calls VFIO_DEVICE_SET_IRQS(${indexName}, start ${num(e, 'start')}, count ${count}, ${data}${fds ? `, eventfds ${fds}` : ''}) = ${errnoName(ret)}`;
  const note = hypothetical
    ? ' (a device-specific index a vfio variant driver would add; vfio-pci has none)'
    : '';
  if (ret < 0) return `${call}${note}: the call fails and no interrupt is set up.`;
  if (ret > 0)
    return `${call}${note}: the host could give only ${ret} of the ${count} vectors asked for, so vfio-pci freed them and enabled nothing (blocked).`;
  if (flags & VFIO_IRQ_SET_ACTION_MASK && flags & VFIO_IRQ_SET_DATA_NONE)
    return `${call}${note}: vfio-pci masks ${indexName}.`;
  if (flags & VFIO_IRQ_SET_ACTION_UNMASK && flags & VFIO_IRQ_SET_DATA_NONE)
    return `${call}${note}: vfio-pci unmasks ${indexName}.`;
  if (flags & VFIO_IRQ_SET_ACTION_UNMASK && flags & VFIO_IRQ_SET_DATA_EVENTFD)
    return `${call}${note}: vfio-pci unmasks ${indexName} whenever ${fds} fires, so a guest EOI re-arms the line without QEMU.`;
  if (flags & VFIO_IRQ_SET_DATA_NONE && count === 0)
    return `${call}${note}: count 0 with DATA_NONE disables the ${indexName} index.`;
  if (flags & VFIO_IRQ_SET_DATA_EVENTFD && fds === '-1')
    return `${call}${note}: fd -1 arms no vector, but the device enters ${indexName} mode.`;
  if (flags & VFIO_IRQ_SET_DATA_EVENTFD && flags & VFIO_IRQ_SET_ACTION_TRIGGER)
    return index === 0
      ? `${call}${note}: the host requests the device's INTx line and vfio-pci signals ${fds} when it fires.`
      : `${call}${note}: for each eventfd vfio-pci must now take a real host interrupt and signal it.`;
  return `${call}${note}.`;
}

/** KVM_IRQFD: attach an eventfd to a GSI (with a resample fd for level-triggered INTx), or detach it. */
function irqfd(e: EventFacts): string {
  const flags = num(e, 'flags');
  const fd = str(e, 'fd');
  const gsi = num(e, 'gsi');
  if (flags & 1)
    return `QEMU calls KVM_IRQFD(${fd}, GSI ${gsi}, DEASSIGN): KVM stops listening on ${fd}; QEMU takes the eventfd back.`;
  if (flags & 2)
    return `QEMU calls KVM_IRQFD(${fd}, GSI ${gsi}, RESAMPLE, resamplefd ${str(e, 'resamplefd')}): KVM injects GSI ${gsi} when ${fd} fires and signals ${str(e, 'resamplefd')} at the guest's EOI (a level-triggered resample irqfd).`;
  return `QEMU calls KVM_IRQFD(${fd}, GSI ${gsi}): KVM injects GSI ${gsi} when ${fd} fires.`;
}

/** Xen hypercalls QEMU's xen_pt makes for a passed-through MSI. */
function hypercall(e: EventFacts): string {
  const name = str(e, 'hypercall');
  const ret = errnoName(num(e, 'ret'));
  if (name === 'PHYSDEVOP_map_pirq')
    return `MSI Enable: xen_pt_msi_setup asks Xen to map a pirq for the device's MSI (${name}, ${str(e, 'type')}, ${plural(num(e, 'entries'), 'entry', 'entries')}) = ${ret}.`;
  if (name === 'XEN_DOMCTL_bind_pt_irq')
    return `xen_pt_msi_update binds the pirq to the guest's message (${name}, ${str(e, 'irqType')}): guest vector ${hex(num(e, 'gvec'))}, destination ${num(e, 'dest')} = ${ret}.`;
  throw new MissingFact(`ioctl: no text for hypercall ${name}`);
}

export function ioctl(e: EventFacts): string {
  if (has(e, 'hypercall')) return hypercall(e);
  const name = str(e, 'ioctl');
  if (name === 'KVM_IRQFD') return irqfd(e);
  if (name === 'VFIO_DEVICE_FEATURE') return feature(e);
  if (name === 'VFIO_DEVICE_SET_IRQS') return setIrqs(e);
  throw new MissingFact(`ioctl: no text for ${name}`);
}

/** What the ath quirk did with a trapped ring write before forwarding it (payload.action). */
function quirkAction(e: EventFacts): string {
  const action = str(e, 'action');
  const out = hex(num(e, 'value'));
  switch (action) {
    case 'address':
      return `the guest's address ${hex(num(e, 'guestValue'))} equals its MSI address, so QEMU writes the host's ${out} instead and arms the data slot at BAR0+${hex(num(e, 'armed'))}`;
    case 'data':
      return `the armed data slot: guest data ${hex(num(e, 'guestValue'))} is the guest base ${hex(num(e, 'guestBase'))} plus ${num(e, 'vectorOffset')}, so QEMU writes the host's ${out}`;
    case 'data-outside':
      return `guest data ${hex(num(e, 'guestValue'))} is outside [${hex(num(e, 'guestBase'))}, ${hex(num(e, 'guestBase') + num(e, 'vectors'))}), so QEMU forwards it unchanged and disarms the slot`;
    case 'forward':
      return `neither the guest's MSI address nor an armed data slot, so QEMU forwards ${out} unchanged`;
    case 'msi-off':
      return `the guest has not enabled MSI, so the quirk has nothing to match and QEMU forwards ${out} unchanged`;
    case 'size':
      return `a ${num(e, 'size')}-byte access: the quirk only rewrites 4-byte writes, so QEMU forwards it unchanged`;
    default:
      throw new MissingFact(`mmio-write: no text for quirk action "${action}"`);
  }
}

/** Writes into BAR space: ring MSI registers (direct, trapped or rewritten) and MSI-X table entries. */
export function mmioWrite(e: EventFacts): string {
  if (has(e, 'table')) {
    const entry = num(e, 'entry');
    const control = num(e, 'control');
    return `${capitalized(ACTOR_NAMES[e.from])} writes ${str(e, 'table') === 'msix' ? 'MSI-X' : str(e, 'table')} table entry ${entry} in ${e.to === 'qemu' ? 'the table QEMU emulates' : 'the device'}: message ${message(num(e, 'address'), num(e, 'data'))}, vector control ${hex(control)} (${control & 1 ? 'masked' : 'unmasked'})${e.to === 'qemu' ? '; nothing reaches the device' : ''}.`;
  }
  const who = ACTOR_NAMES[e.from];
  const at = `BAR${num(e, 'bar')}+${hex(num(e, 'offset'))}`;
  if (has(e, 'msb'))
    return opening(
      e,
      `${who} writes the message ${message(num(e, 'address'), num(e, 'data'))} (MSI1 control ${hex(num(e, 'msb'))}) into the ring registers at ${at}.`,
    );
  const size = num(e, 'size');
  const v =
    size === 8 && has(e, 'valueHi') ? hex64(num(e, 'value'), num(e, 'valueHi')) : hex(num(e, 'value'));
  const head = opening(e, `${who} writes ${at} (${size} bytes) ← ${v}`);
  if (e.from === 'qemu') {
    const half = e.payload.half;
    return opening(
      e,
      `QEMU writes ${at} ← ${v}${typeof half === 'string' ? ` (the ${half} half)` : ''}: ${quirkAction(e)}.`,
    );
  }
  if (e.to === 'qemu') {
    const trap = str(e, 'trap');
    if (trap === 'ath-quirk') return `${head}; it lands in QEMU's ath quirk trap.`;
    if (trap === 'ims-vmm') return `${head}; the VMM traps it and keeps it instead of passing it on.`;
    throw new MissingFact(`mmio-write: no text for trap "${trap}"`);
  }
  const window = e.payload.quirkWindow;
  const missed = Array.isArray(window)
    ? ` — outside QEMU's quirk window ${hex(window[0])}–${hex(window[0] + window[1] - 1)}`
    : '';
  return `${head}; it reaches the device unchanged${missed}.`;
}
