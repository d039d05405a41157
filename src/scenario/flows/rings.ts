/** The device's onboard interrupt controller: the driver copies its message into ring registers; the ath quirk may rewrite them. */
import { readLE } from '../../util/bytes';
import { RING_MSI1_ENABLE } from '../models/device';
import { inQuirk, trappedWrite } from './ath-quirk';
import type { World } from '../world';

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
      register: 'PCI_MSI_ADDRESS_LO',
      offset: cap + 4,
      size: 4,
      value: address,
      fromQemu: read.fromQemu,
      fromVconfig: read.fromVconfig,
      fromHardware: read.fromHardware,
    },
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
    payload: { note: 'msg-data', msgData: dataBase },
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

function mmioWrite(w: World, offset: number, size: 4 | 8, value: bigint, ring: string): void {
  if (inQuirk(w, offset)) {
    trappedWrite(w, offset, size, value, ring);
    return;
  }
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
      ...(w.qemu.quirk ? { quirkWindow: [w.qemu.quirk.base, w.qemu.quirk.size] } : {}),
    },
    refs: ['ath11k_hal_srng_dst_hw_init'],
    source: ring,
    also: ['guest-driver'],
  });
}
