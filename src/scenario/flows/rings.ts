/** The device's onboard interrupt controller: the driver copies its message into ring registers; the ath quirk may rewrite them. */
import { errnoName } from '../../errors';
import { readLE } from '../../util/bytes';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../../vfio/constants';
import { RING_MSI1_ENABLE } from '../models/device';
import { hex, LORE } from '../refs';
import type { World } from '../world';

/** vfio_probe_ath_bar0_quirk: ask for PCI_MSI_NOVIRT; install the BAR0 window trap only if it worked. */
export function probeAthQuirk(w: World): void {
  const flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;
  const ret = w.vfio.dev.deviceFeature(flags, 8);
  w.rec.emit({
    from: 'qemu',
    to: 'vfio',
    kind: 'ioctl',
    payload: { ioctl: 'VFIO_DEVICE_FEATURE', flags, argsz: 8, ret },
    outcome: ret === 0 ? 'ok' : 'blocked',
    explanation:
      ret === 0
        ? 'QEMU asks vfio-pci to stop virtualizing the MSI address and data, so it can read the values the host programmed.'
        : `The host kernel does not know feature 11 (${errnoName(ret)}), so QEMU cannot learn the host message and installs no quirk.`,
    refs: ['vfio_probe_ath_bar0_quirk', 'vfio_pci_core_feature_msi_novirt', LORE.qemuRfc, LORE.kernelRfc],
  });
  if (ret === 0) w.qemu.quirk = { installed: true, base: 0x80000, size: 0x40000, armed: null };
  else
    w.qemu.warnings.push(
      'vfio: host does not support the MSI no-virtualization feature; ath quirk not installed',
    );
  w.rec.emit({
    from: 'qemu',
    to: 'qemu',
    kind: 'log',
    payload:
      ret === 0
        ? { region: 'vfio-ath-quirk', base: 0x80000, size: 0x40000 }
        : { warning: w.qemu.warnings[0] },
    explanation:
      ret === 0
        ? 'A write trap now covers BAR0 0x80000–0xbffff (the ring registers the driver programs).'
        : 'No quirk: guest ring writes will reach the device unchanged.',
    refs: ['vfio_probe_ath_bar0_quirk'],
  });
}

/** ath11k: the address comes from a config read (QEMU's copy in a VM), the data base from msg.data. */
export function driverReadsMessage(w: World): { address: number; dataBase: number } {
  const cap = w.dev.msiCap;
  // Bare metal reads the device; a guest's read is QEMU's merge (all MSI bits from its emulated copy).
  const read = w.bareMetal
    ? {
        value: readLE(w.vfio.dev.physical, cap + 4, 4),
        fromQemu: 0,
        fromVconfig: 0,
        fromHardware: 0xffffffff,
      }
    : w.qemu.pci!.readConfig(cap + 4, 4);
  const address = read.value;
  w.gd.address = address;
  w.rec.emit({
    from: 'guest-driver',
    to: w.bareMetal ? 'device' : 'qemu',
    kind: 'config-read',
    payload: {
      offset: cap + 4,
      size: 4,
      value: address,
      fromQemu: read.fromQemu,
      fromVconfig: read.fromVconfig,
      fromHardware: read.fromHardware,
    },
    explanation: w.bareMetal
      ? `ath11k reads PCI_MSI_ADDRESS_LO from the device: ${hex(address)}, the host's own message.`
      : `ath11k reads PCI_MSI_ADDRESS_LO: QEMU answers from its emulated copy, ${hex(address)} — the guest's value.`,
    refs: ['ath11k_pci_alloc_msi', 'vfio_pci_read_config'],
    also: ['guest-driver'],
  });
  // The kernel's cached message equals what it wrote into the device (bare metal) or composed (guest).
  const dataBase = w.bareMetal ? readData(w) : w.gk.message!.data;
  w.gd.dataBase = dataBase;
  w.rec.emit({
    from: w.bareMetal ? 'host-irq' : 'guest-kernel',
    to: 'guest-driver',
    kind: 'log',
    payload: { msgData: dataBase },
    explanation: `ath11k takes the data base from the kernel's cached message (msi_desc->msg.data): ${hex(dataBase, 4)}.`,
    refs: ['ath11k_pci_config_msi_data'],
  });
  return { address, dataBase };
}

function readData(w: World): number {
  const cap = w.dev.msiCap;
  const is64 = (w.vfio.dev.physical[cap + 2] & 0x80) !== 0;
  return readLE(w.vfio.dev.physical, cap + (is64 ? 0x0c : 0x08), 2);
}

export interface RingPlan {
  readonly name: string;
  readonly offset: number;
  readonly address: number;
  readonly data: number;
  /** One 8-byte store for LSB+MSB instead of two 4-byte writes. */
  readonly wide?: boolean;
  /** DATA written before LSB/MSB. */
  readonly dataFirst?: boolean;
}

/** The driver copies its message into each ring's MSI1 registers; the ath quirk may rewrite them on the way. */
export function programRings(w: World, plans: readonly RingPlan[]): void {
  for (const plan of plans) {
    const p = {
      ...plan,
      wide: plan.wide ?? w.opts.ringWrites === 'wide',
      dataFirst: plan.dataFirst ?? w.opts.ringWrites === 'data-first',
    };
    w.gd.rings.push({ name: p.name, offset: p.offset, data: p.data });
    if (p.dataFirst) mmioWrite(w, p.offset + 8, 4, BigInt(p.data), p.name);
    if (p.wide) {
      mmioWrite(w, p.offset, 8, BigInt(p.address) | (BigInt(RING_MSI1_ENABLE) << 32n), p.name);
    } else {
      mmioWrite(w, p.offset, 4, BigInt(p.address), p.name);
      mmioWrite(w, p.offset + 4, 4, BigInt(RING_MSI1_ENABLE), p.name);
    }
    if (!p.dataFirst) mmioWrite(w, p.offset + 8, 4, BigInt(p.data), p.name);
  }
}

const inQuirk = (w: World, offset: number) => {
  const q = w.qemu.quirk;
  return !!q?.installed && offset >= q.base && offset < q.base + q.size;
};

function mmioWrite(w: World, offset: number, size: 4 | 8, value: bigint, ring: string): void {
  if (!inQuirk(w, offset)) {
    w.dev.mmioWrite(offset, size, value);
    w.rec.emit({
      from: 'guest-driver',
      to: 'device',
      kind: 'mmio-write',
      payload: {
        bar: 0,
        offset,
        size,
        value: Number(value & 0xffffffffn),
        ...(size === 8 ? { valueHi: Number(value >> 32n) } : {}),
      },
      explanation: `${ring}: the write reaches the device unchanged${w.qemu.quirk ? ' (it misses the quirk)' : ''}.`,
      refs: ['ath11k_hal_srng_dst_hw_init'],
      source: ring,
      also: ['guest-driver'],
    });
    return;
  }
  const q = w.qemu.quirk!;
  const pci = w.qemu.pci!;
  const cap = w.dev.msiCap;
  let out = value;
  let note = 'forwarded unchanged';
  w.rec.emit({
    from: 'guest-driver',
    to: 'qemu',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size, value: Number(value & 0xffffffffn) },
    explanation: `${ring}: the write lands in QEMU's ath quirk trap.`,
    refs: ['vfio_ath_quirk_write'],
    source: ring,
    also: ['guest-driver'],
  });
  if (size === 4 && pci.msiEnabled()) {
    const guest = pci.msiMessage(0);
    const v = Number(value);
    if (v === guest.address) {
      const phys = w.vfio.dev.readDetailed(cap + 4, 4);
      q.armed = offset + 8;
      out = BigInt(phys.value);
      note = `guest address replaced by the host's ${hex(phys.value)}; data slot ${hex(q.armed)} armed`;
      w.rec.emit({
        from: 'qemu',
        to: 'vfio',
        kind: 'config-read',
        payload: {
          offset: cap + 4,
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
    } else if (q.armed === offset) {
      const nvec = pci.msiVectors();
      const mask = nvec - 1;
      const nr = v & mask;
      q.armed = null;
      if ((v & ~mask) === guest.data) {
        const phys = w.vfio.dev.readDetailed(cap + 8, 2);
        out = BigInt(phys.value + nr);
        note = `guest data ${hex(v)} = base + ${nr} → host data ${hex(phys.value + nr)}`;
        w.rec.emit({
          from: 'qemu',
          to: 'vfio',
          kind: 'config-read',
          payload: {
            offset: cap + 8,
            size: 2,
            value: phys.value,
            fromHardware: phys.fromHardware,
            vectorOffset: nr,
          },
          explanation: `The armed data slot: ${hex(v)} is the guest base plus ${nr}, so QEMU substitutes the host data ${hex(phys.value)} plus ${nr}.`,
          refs: ['vfio_ath_quirk_write', LORE.qemuRfc],
          source: ring,
          also: ['qemu'],
        });
      } else {
        note = `data ${hex(v)} is outside [${hex(guest.data)}, ${hex(guest.data + nvec)}): left alone, slot disarmed`;
      }
    }
  } else if (size !== 4) {
    note = `a ${size}-byte access: the quirk only handles 4-byte writes, so it passes through unchanged`;
  }
  w.dev.mmioWrite(offset, size, out);
  w.rec.emit({
    from: 'qemu',
    to: 'device',
    kind: 'mmio-write',
    payload: { bar: 0, offset, size, value: Number(out & 0xffffffffn) },
    explanation: `${ring}: ${note}.`,
    refs: ['vfio_ath_quirk_write', 'vfio_region_write'],
    source: ring,
    also: ['qemu'],
  });
}
