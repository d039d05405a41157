/**
 * The RFC's ath quirk in the timeline: the probe at realize (vfio_probe_ath_bar0_quirk) and every guest
 * store that lands in its BAR0 window (vfio_ath_quirk_write). The decisions come from
 * ../models/ath-quirk.ts; this file records them as events.
 */
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
        note: 'quirk-probe-miss',
        probe: 'vfio_probe_ath_bar0_quirk',
        bar: 0,
        vendor,
        device,
        match: false,
        why: decision.reason,
      },
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
      payload: { note: 'quirk-absent', warning: w.qemu.warnings.at(-1)! },
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
      note: 'quirk-installed',
      region: 'vfio-ath-quirk',
      bar: 0,
      base: win.base,
      size: win.size,
      end: win.base + win.size - 1,
      priority: 1,
      validMin: 4,
      validMax: 8,
      driver: win.driver,
      from: win.from,
      device,
      tested: win.tested.includes(device),
      barSize,
      reachable,
    },
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
    payload: {
      bar: 0,
      offset,
      size,
      value: lo,
      ...(size === 8 ? { valueHi: Number(value >> 32n) } : {}),
      trap: 'ath-quirk',
    },
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
        note: 'quirk-split',
        split: split.by,
        offsets: split.parts.map((p) => p.offset + q.base),
        values: split.parts.map((p) => p.value),
      },
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
  /** What the quirk did, as the forwarded write's payload tells it. */
  let action: Record<string, number | string>;
  if (step.kind === 'address') {
    const phys = w.vfio.dev.readDetailed(cap + PCI_MSI_ADDRESS_LO, 4);
    q.msiDataAddr = step.armed;
    out = phys.value;
    action = { action: 'address', guestValue: v, armed: q.base + step.armed };
    w.rec.emit({
      from: 'qemu',
      to: 'vfio',
      kind: 'config-read',
      payload: {
        register: 'PCI_MSI_ADDRESS_LO',
        offset: cap + PCI_MSI_ADDRESS_LO,
        size: 4,
        value: phys.value,
        fromHardware: phys.fromHardware,
        fromVconfig: phys.fromVconfig,
      },
      refs: ['vfio_ath_quirk_write', 'vfio_pci_msi_novirt', LORE.qemuRfc],
      source: ring,
      also: ['qemu'],
    });
  } else if (step.kind === 'data') {
    const phys = w.vfio.dev.readDetailed(cap + PCI_MSI_DATA_32, 2);
    q.msiDataAddr = 0;
    out = (phys.value + step.vectorOffset) >>> 0;
    action = { action: 'data', guestValue: v, guestBase: guest.data, vectorOffset: step.vectorOffset };
    w.rec.emit({
      from: 'qemu',
      to: 'vfio',
      kind: 'config-read',
      payload: {
        register: 'PCI_MSI_DATA_32',
        offset: cap + PCI_MSI_DATA_32,
        size: 2,
        value: phys.value,
        fromHardware: phys.fromHardware,
        fromVconfig: phys.fromVconfig,
      },
      refs: ['vfio_ath_quirk_write', LORE.qemuRfc],
      source: ring,
      also: ['qemu'],
    });
  } else if (step.kind === 'data-mismatch') {
    q.msiDataAddr = 0;
    action = { action: 'data-outside', guestValue: v, guestBase: guest.data, vectors: guest.vectors };
  } else {
    action = { action: guest.enabled ? 'forward' : 'msi-off' };
  }
  w.dev.mmioWrite(offset, 4, BigInt(out));
  w.rec.emit({
    from: 'qemu',
    to: 'device',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size: 4, value: out, guestValue: v, ...action, ...(half ? { half } : {}) },
    refs: ['vfio_ath_quirk_write', 'vfio_region_write'],
    source: ring,
    also: ['qemu'],
  });
}
