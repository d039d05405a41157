/**
 * The RFC's ath quirk in the timeline: the probe at realize (vfio_probe_ath_bar0_quirk) and every guest
 * store that lands in its BAR0 window (vfio_ath_quirk_write). The decisions come from
 * ../models/ath-quirk.ts; this file records them as events.
 */
import { errnoName } from '../../errors';
import { readLE } from '../../util/bytes';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../../vfio/constants';
import {
  athQuirkProbe,
  PCI_MSI_ADDRESS_LO,
  PCI_MSI_DATA_32,
  quirkStep,
  splitForQuirk,
} from '../models/ath-quirk';
import { hex, LORE } from '../refs';
import type { World } from '../world';

const bar0Size = (w: World) => w.vfio.dev.resources.find((r) => r.index === 0)?.size ?? 0;

/**
 * vfio_probe_ath_bar0_quirk (called by vfio_bar_quirk_setup for each BAR; only BAR0 can match): a device
 * outside its list gets no VFIO_DEVICE_FEATURE call and no trap. A listed one asks for PCI_MSI_NOVIRT and,
 * if the kernel agrees, overlays "vfio-ath-quirk" on BAR0 at priority 1.
 */
export function probeAthQuirk(w: World): void {
  const pci = w.qemu.pci!;
  const vendor = readLE(pci.copy, 0x00, 2);
  const device = readLE(pci.copy, 0x02, 2);
  const decision = athQuirkProbe({ bar: 0, vendor, device, msiPresent: pci.msi !== null });
  if (!decision.match) {
    w.rec.emit({
      from: 'qemu',
      to: 'qemu',
      kind: 'log',
      payload: {
        probe: 'vfio_probe_ath_bar0_quirk',
        bar: 0,
        vendor,
        device,
        match: false,
        why: decision.reason,
      },
      explanation: `The ath quirk's probe returns at once: ${decision.reason}. No feature call, no trap; ring writes go straight to the device.`,
      refs: ['vfio_probe_ath_bar0_quirk', LORE.qemuRfc],
    });
    return;
  }
  const win = decision.window;
  const flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
  const ret = w.vfio.dev.deviceFeature(flags, 8);
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_FEATURE', flags, argsz: 8, ret, device },
    outcome: ret === 0 ? 'ok' : 'blocked',
    explanation:
      ret === 0
        ? `Device ${hex(device)} is on the quirk's ${win.driver} list, so QEMU asks vfio-pci to stop virtualizing the MSI address and data: it needs the values the host programmed.`
        : `Device ${hex(device)} matches, but the host kernel does not know feature 11 (${errnoName(ret)}), so QEMU cannot learn the host message and installs no quirk.`,
    refs: ['vfio_probe_ath_bar0_quirk', 'vfio_pci_core_feature_msi_novirt', LORE.qemuRfc, LORE.kernelRfc],
  });
  if (ret !== 0) {
    w.qemu.warnings.push(
      `vfio: device ${hex(device)} matches the ath quirk but the host lacks the MSI no-virtualization feature; quirk not installed`,
    );
    w.rec.emit({
      from: 'qemu',
      to: 'qemu',
      kind: 'log',
      payload: { warning: w.qemu.warnings.at(-1)! },
      explanation: 'No quirk: guest ring writes will reach the device unchanged.',
      refs: ['vfio_probe_ath_bar0_quirk', 'warn_report'],
    });
    return;
  }
  w.qemu.quirk = { base: win.base, size: win.size, msiDataAddr: 0 };
  const barSize = bar0Size(w);
  // render_memory_region clips a subregion to its container: a window past BAR0's end is never hit.
  const reachable = win.base < barSize;
  w.rec.emit({
    from: 'qemu',
    to: 'qemu',
    kind: 'log',
    payload: {
      region: 'vfio-ath-quirk',
      bar: 0,
      base: win.base,
      size: win.size,
      end: win.base + win.size - 1,
      priority: 1,
      validMin: 4,
      validMax: 8,
      driver: win.driver,
      device,
      tested: win.tested.includes(device),
      barSize,
      reachable,
    },
    explanation: reachable
      ? `A write trap now covers BAR0 ${hex(win.base)}–${hex(win.base + win.size - 1)} (${win.driver}'s window, from ${win.from}); accesses of 4 or 8 bytes.`
      : `The trap is installed at BAR0 ${hex(win.base)}–${hex(win.base + win.size - 1)} (${win.driver}'s window, from ${win.from}), but BAR0 is only ${hex(barSize)} bytes: no guest access can reach it.`,
    refs: ['vfio_probe_ath_bar0_quirk', 'memory_region_add_subregion_overlap', LORE.qemuRfc],
  });
}

/** Is this BAR0 offset inside the quirk's window, and inside BAR0 (where the window can be hit)? */
export function inQuirk(w: World, offset: number): boolean {
  const q = w.qemu.quirk;
  return !!q && offset >= q.base && offset < q.base + q.size && offset < bar0Size(w);
}

/** A guest store inside the window: QEMU's memory core hands it to vfio_ath_quirk_write 4 bytes at a time. */
export function trappedWrite(w: World, offset: number, size: 4 | 8, value: bigint, ring: string): void {
  const q = w.qemu.quirk!;
  const lo = Number(value & 0xffffffffn);
  w.rec.emit({
    from: 'guest-driver',
    to: 'qemu',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size, value: lo, ...(size === 8 ? { valueHi: Number(value >> 32n) } : {}) },
    explanation: `${ring}: the ${size}-byte store lands in QEMU's ath quirk trap.`,
    refs: ['vfio_ath_quirk_write'],
    source: ring,
    also: ['guest-driver'],
  });
  const split = splitForQuirk(offset - q.base, size, value);
  if (split.by) {
    w.rec.emit({
      from: 'qemu',
      to: 'qemu',
      kind: 'log',
      payload: {
        split: split.by,
        offsets: split.parts.map((p) => p.offset + q.base),
        values: split.parts.map((p) => p.value),
      },
      explanation:
        split.by === 'access_with_adjusted_size'
          ? `The quirk's ops allow 8-byte accesses but implement none wider than 4 (no .impl), so access_with_adjusted_size calls the write handler twice, low half first.`
          : `The store is only 4-byte aligned inside the window, so memory_access_size cuts it into two 4-byte dispatches, low half first.`,
      refs: [split.by, 'memory_region_dispatch_write', LORE.qemuRfc],
      source: ring,
    });
  }
  split.parts.forEach((p, i) =>
    quirkWrite(w, p.offset + q.base, p.value, ring, split.by ? (i === 0 ? 'low' : 'high') : null),
  );
}

/** vfio_ath_quirk_write for one 4-byte write, then vfio_region_write of the (possibly substituted) value. */
function quirkWrite(w: World, offset: number, v: number, ring: string, half: 'low' | 'high' | null): void {
  const q = w.qemu.quirk!;
  const pci = w.qemu.pci!;
  const cap = pci.msi!.cap;
  const guest = {
    enabled: pci.msiEnabled(),
    address: readLE(pci.copy, cap + PCI_MSI_ADDRESS_LO, 4),
    data: readLE(pci.copy, cap + PCI_MSI_DATA_32, 2),
    vectors: pci.msiVectors(),
  };
  const step = quirkStep(offset - q.base, v, q.msiDataAddr, guest);
  let out = v;
  let note: string;
  if (step.kind === 'address') {
    const phys = w.vfio.dev.readDetailed(cap + PCI_MSI_ADDRESS_LO, 4);
    q.msiDataAddr = step.armed;
    out = phys.value;
    note = `guest address replaced by the host's ${hex(out)}; data slot ${hex(q.base + step.armed)} armed`;
    w.rec.emit({
      from: 'qemu',
      to: 'vfio',
      kind: 'config-read',
      payload: {
        offset: cap + PCI_MSI_ADDRESS_LO,
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
  } else if (step.kind === 'data') {
    const phys = w.vfio.dev.readDetailed(cap + PCI_MSI_DATA_32, 2);
    q.msiDataAddr = 0;
    out = (phys.value + step.vectorOffset) >>> 0;
    note = `guest data ${hex(v)} = base + ${step.vectorOffset} → host data ${hex(out)}`;
    w.rec.emit({
      from: 'qemu',
      to: 'vfio',
      kind: 'config-read',
      payload: {
        offset: cap + PCI_MSI_DATA_32,
        size: 2,
        value: phys.value,
        fromHardware: phys.fromHardware,
        vectorOffset: step.vectorOffset,
      },
      explanation: `The armed data slot: ${hex(v)} is the guest base plus ${step.vectorOffset}, so QEMU substitutes the host data ${hex(phys.value)} plus ${step.vectorOffset}.`,
      refs: ['vfio_ath_quirk_write', LORE.qemuRfc],
      source: ring,
      also: ['qemu'],
    });
  } else if (step.kind === 'data-mismatch') {
    q.msiDataAddr = 0;
    note = `data ${hex(v)} is outside [${hex(guest.data)}, ${hex(guest.data + guest.vectors)}): left alone, slot disarmed`;
  } else {
    note = guest.enabled
      ? 'neither the guest MSI address nor the armed data slot: forwarded unchanged'
      : "MSI is off in QEMU's copy, so the quirk does nothing: forwarded unchanged";
  }
  w.dev.mmioWrite(offset, 4, BigInt(out));
  w.rec.emit({
    from: 'qemu',
    to: 'device',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size: 4, value: out, guestValue: v, ...(half ? { half } : {}) },
    explanation: `${ring}${half ? ` (${half} half)` : ''}: ${note}.`,
    refs: ['vfio_ath_quirk_write', 'vfio_region_write'],
    source: ring,
    also: ['qemu'],
  });
}
