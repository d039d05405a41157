/** Building blocks shared by the scenarios: the ath11k device behind vfio and QEMU, ring plans. */
import { ath11kConfig, RING_ASSIGNMENT, ATH11K_MSI_USERS } from '../../devices/ath11k';
import { QemuVfioPci } from '../../qemu/config';
import { createVfioDevice } from '../../vfio/create-device';
import type { HostResource } from '../../vfio/hardware';
import { parseLspciDump } from '../../pci/lspci';
import { AHCI_ICH8M_DUMP } from '../../devices/ahci-ich8m';
import type { MsiMode } from '../models/actors';
import { DeviceModel } from '../models/device';
import type { HostPlan } from '../models/host';
import type { RingPlan } from '../flows';
import { buildWorld, type ScenarioOptions, type World, type WorldBuild } from '../world';

export const ATH_SID = 0x0200; // 02:00.0
export const ATH_MSI_CAP = 0x50;

export function athWorld(
  opts: ScenarioOptions,
  plan: HostPlan,
  bareMetal = false,
  hypervisor: 'kvm' | 'xen' = 'kvm',
  build: WorldBuild = {},
): World {
  const plain = opts.device === 'plain-msi';
  const bytes = plain
    ? parseLspciDump(AHCI_ICH8M_DUMP)[0].bytes
    : ath11kConfig({ msi: 'fresh', deviceId: Number(opts.athDeviceId) });
  const resources: HostResource[] = plain
    ? [{ index: 5, start: 0xfc404000, size: 0x800, type: 'mem32' }]
    : [{ index: 0, start: 0xd2000000, size: 0x200000, type: 'mem64' }];
  const vfio = createVfioDevice(bytes, {
    kernel: opts.kernel,
    ...(build.patch && { patch: build.patch }),
    resources,
  });
  const qemu = bareMetal ? null : new QemuVfioPci(vfio, { version: build.qemu });
  // The plain device has MSI at 0x80 and no ring registers.
  const dev = new DeviceModel(vfio, ATH_SID, plain ? 0x80 : ATH_MSI_CAP, plain ? [] : RING_ASSIGNMENT);
  return buildWorld({ opts, bareMetal, bytes, vfio, qemu, dev, plan, firstGsi: 24, hypervisor });
}

/** ath11k's data per ring: one-MSI → the base for all; multi-MSI → the user base plus the ring's index. */
export function athRingPlans(address: number, dataBase: number, mode: MsiMode): RingPlan[] {
  return RING_ASSIGNMENT.map((r) => {
    const user = r.user === 'CE' ? ATH11K_MSI_USERS.CE : ATH11K_MSI_USERS.DP;
    const data = mode === 'one-msi' ? dataBase : dataBase + user.base + (r.idx % user.n);
    return { name: r.name, offset: r.offset, address, data };
  });
}

/** A Windows-like driver: data = base + (ring number mod vectors), a different vector per ring. */
export function perRingPlans(address: number, dataBase: number, nvec: number): RingPlan[] {
  return RING_ASSIGNMENT.map((r, i) => ({
    name: r.name,
    offset: r.offset,
    address,
    data: dataBase + (i % nvec),
  }));
}

export const ringSources = () =>
  RING_ASSIGNMENT.map((r) => ({ id: r.name, kind: 'ring' as const, offset: r.offset }));
export const mhiSource = (vector = 0) => ({ id: `MHI${vector}`, kind: 'msi-vector' as const, vector });

/** The guest's log when the rings never interrupt (James Prestwood's report). */
export function athTimeoutLog(w: World): void {
  const lines = [
    'failed to receive control response completion, polling..',
    'Service connect timeout',
    'failed to connect to HTT: -110',
    'failed to start core: -110',
  ];
  w.gd.log.push(...lines);
  w.rec.emit({
    from: 'guest-driver',
    to: 'guest-driver',
    kind: 'log',
    payload: { note: 'driver-timeout', log: lines.join(' | ') },
    outcome: 'lost',
    refs: ['ath11k_htc_wait_target', 'bugzilla:216055'],
  });
}
