/**
 * Config-space accesses: which register, the value, and where every bit came from or went, read off the
 * engine's provenance masks (vfio_pci_config_rw's per-bit answer, QEMU's emulated copy) rather than assumed.
 */
import type { IrqTransition } from '../../qemu/config';
import { ACTOR_NAMES, capitalized, hex, MissingFact, num, str, type EventFacts } from './facts';

const sizeMask = (size: number) => (size >= 4 ? 0xffffffff : (1 << (size * 8)) - 1);

/** "all 32 bits" or "bits 0xff" of an access of `size` bytes. */
function bits(mask: number, size: number): string {
  const m = mask & sizeMask(size);
  return m >>> 0 === sizeMask(size) >>> 0 ? `all ${size * 8} bits` : `bits ${hex(m)}`;
}

const where = (e: EventFacts) => `${str(e, 'register')} (${hex(num(e, 'offset'), 2)}/${num(e, 'size')})`;

/** A read: from the device itself, or QEMU's merge of its emulated copy over vfio's vconfig and the hardware. */
export function configRead(e: EventFacts): string {
  const size = num(e, 'size');
  const head = `${capitalized(ACTOR_NAMES[e.from])} reads ${where(e)} = ${hex(num(e, 'value'))}`;
  if (e.payload.xenPt === true)
    return `${head}, QEMU xen_pt's emulated value, and takes the data ${hex(num(e, 'msgData'), 4)} from msi_desc->msg.`;
  if (e.to === 'device') return `${head}, straight from the device.`;
  const parts = [
    ['fromQemu', "QEMU's emulated copy"],
    ['fromVconfig', "vfio-pci's vconfig"],
    ['fromHardware', 'the hardware'],
  ]
    .filter(([k]) => typeof e.payload[k] === 'number' && (e.payload[k] as number) & sizeMask(size))
    .map(([k, name]) => `${bits(e.payload[k] as number, size)} from ${name}`);
  return `${head}: ${parts.length ? parts.join(', ') : 'no bit has a known source'}.`;
}

/** What QEMU does when a guest config write changes its interrupt mode (vfio_pci_write_config). */
const TRANSITIONS: Readonly<Record<NonNullable<IrqTransition>, string>> = {
  'msi-enable': 'MSI Enable goes 0→1, so QEMU sets up MSI (vfio_msi_enable)',
  'msi-disable': 'MSI Enable goes 1→0, so QEMU tears MSI down (vfio_msi_disable)',
  'msix-enable': 'MSI-X Enable goes 0→1, so QEMU sets up MSI-X (vfio_msix_enable)',
  'msix-disable': 'MSI-X Enable goes 1→0, so QEMU tears MSI-X down (vfio_msix_disable)',
  'msi-update': 'MSI stays enabled with a new message, so QEMU only updates its KVM routes (vfio_update_msi)',
};

/** Where vfio-pci put the write's bits: vconfig, the hardware, or nowhere. */
function routing(e: EventFacts, size: number): string {
  const m = sizeMask(size);
  const toV = num(e, 'toVconfig') & m;
  const toH = num(e, 'toHardware') & m;
  const dropped = num(e, 'dropped') & m;
  if (!toV && !toH) return 'vfio-pci drops the whole write: neither vconfig nor the hardware changes';
  const parts = [
    toH ? `${bits(toH, size)} reach the hardware` : '',
    toV ? `${bits(toV, size)} go to vconfig` : '',
    dropped ? `${bits(dropped, size)} are dropped` : '',
  ].filter(Boolean);
  return `vfio-pci: ${parts.join(', ')}`;
}

/** A guest write through QEMU to the vfio config region (vfio_pci_write_config → vfio_pci_config_rw). */
export function configWrite(e: EventFacts): string {
  const size = num(e, 'size');
  const head = `${capitalized(ACTOR_NAMES[e.from])} writes ${where(e)} ← ${hex(num(e, 'value'))}`;
  if (e.payload.xenPt === true)
    return `${head}; QEMU's xen_pt keeps it in its emulated register (the device is Xen's to program).`;
  const sentences = [`${head}; ${routing(e, size)}.`];
  const changed = e.payload.qemuChanged;
  if (typeof changed === 'number')
    sentences.push(
      changed & sizeMask(size)
        ? `QEMU's emulated copy changes in ${bits(changed, size)}.`
        : "QEMU's emulated copy does not change.",
    );
  const t = e.payload.transition;
  if (typeof t === 'string') {
    const said = TRANSITIONS[t as NonNullable<IrqTransition>];
    if (!said) throw new MissingFact(`config-write: no text for transition "${t}"`);
    sentences.push(`${said}.`);
  }
  return sentences.join(' ');
}
