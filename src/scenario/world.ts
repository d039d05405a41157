/** Everything a scenario runs on: the actors, the recorder, the resolved options. */
import type { QemuVfioPci } from '../qemu/config';
import type { VfioDevice } from '../vfio/device';
import { DeviceModel } from './models/device';
import { GuestDriver, GuestKernel, QemuActor, VfioActor } from './models/actors';
import { HostIrqCore, HostLapics, type HostPlan } from './models/host';
import { Iommu, type IommuMode } from './models/iommu';
import { Kvm, Vcpus } from './models/kvm';
import { Recorder } from './timeline';
import type { KernelId } from '../vfio/kernel';
import type { QemuVersion } from '../qemu/version';
import type { PermPatch } from '../vfio/patch/types';

export const ATH_DEVICE_IDS = ['0x1101', '0x1103', '0x1104', '0x1107', '0x1109', '0x1112'] as const;
export type AthDeviceId = (typeof ATH_DEVICE_IDS)[number];

export interface ScenarioOptions {
  /** Host interrupt remapping. */
  readonly ir: IommuMode;
  /** VT-d posted interrupts / AMD guest mode (needs ir). */
  readonly posted: boolean;
  /** The host kernel (src/vfio/kernel.ts): only `v6.11-rfc` carries VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT. */
  readonly kernel: KernelId;
  /** QEMU carries Alex's ath quirk. */
  readonly quirk: boolean;
  /** MSI vectors the guest driver asks for. */
  readonly vectors: 1 | 16 | 32;
  /** Guest driver policy: Linux ath11k (reuse the capability's message), Windows-like (16 vectors, data per ring), IMS (own message per source). */
  readonly guest: 'linux' | 'windows' | 'ims';
  readonly vcpus: number;
  /** A virtual IOMMU with interrupt remapping in the guest. */
  readonly viommu: boolean;
  /** KVM offers the 15-bit extended destination id. */
  readonly extDestId: boolean;
  /** State of the target vCPU when an interrupt arrives. */
  readonly vcpuState: 'running' | 'blocked' | 'preempted';
  /** Re-target the device's MSI after the rings were programmed (S4c, S10). */
  readonly affinityChange: boolean;
  /** How the driver writes each ring's MSI registers: LSB, MSB, DATA as 4-byte writes; LSB+MSB as one 8-byte store; or DATA first. */
  readonly ringWrites: 'lsb-msb-data' | 'wide' | 'data-first';
  /** The guest disables and re-enables MSI after programming the rings (host vectors are torn down and recreated). */
  readonly guestToggleMsi: boolean;
  /** The assigned function: the ath11k-like part, or a plain MSI device with no onboard interrupt controller. */
  readonly device: 'ath11k' | 'plain-msi';
  /**
   * The Qualcomm part's PCI device id (the reconstructed config space carries it): the RFC's quirk probe
   * lists 0x1101/0x1103/0x1104 (ath11k) and 0x1107/0x1109 (ath12k); 0x1112 (QCC2072, claimed by ath12k
   * since 2025) is one it does not know.
   */
  readonly athDeviceId: AthDeviceId;
}

export interface World {
  /** Whose hypervisor runs the guest: Linux KVM with vfio-pci, or Xen (S9). */
  readonly hypervisor: 'kvm' | 'xen';
  readonly rec: Recorder;
  readonly opts: ScenarioOptions;
  readonly bareMetal: boolean;
  /** The config space the device was opened with (what vfio-pci read before anything wrote it). */
  readonly bytes: Uint8Array;
  readonly dev: DeviceModel;
  readonly vfio: VfioActor;
  readonly qemu: QemuActor;
  readonly host: HostIrqCore;
  readonly lapic: HostLapics;
  readonly iommu: Iommu;
  readonly kvm: Kvm;
  readonly vcpus: Vcpus;
  readonly gk: GuestKernel;
  readonly gd: GuestDriver;
}

/**
 * What the config explorer may put under a scenario that is not one of its options (the timeline never
 * uses them): the QEMU release on top, and a what-if permission patch on the kernel.
 */
export interface WorldBuild {
  readonly qemu?: QemuVersion;
  readonly patch?: PermPatch;
}

export function buildWorld(p: {
  opts: ScenarioOptions;
  bareMetal: boolean;
  bytes: Uint8Array;
  vfio: VfioDevice;
  qemu: QemuVfioPci | null;
  dev: DeviceModel;
  plan: HostPlan;
  firstGsi: number;
  hypervisor?: 'kvm' | 'xen';
}): World {
  const vfio = new VfioActor(p.vfio, p.dev.msiCap);
  const qemu = new QemuActor(p.qemu);
  const host = new HostIrqCore(p.plan);
  const lapic = new HostLapics();
  const iommu = new Iommu(p.opts.ir, p.plan.irteBase);
  const kvm = new Kvm(p.firstGsi, p.opts.extDestId);
  const vcpus = new Vcpus(p.opts.vcpus, [6, 7, 2, 3]);
  const gk = new GuestKernel(p.opts.viommu);
  const gd = new GuestDriver();
  const rec = new Recorder({
    'guest-driver': gd,
    'guest-kernel': gk,
    vcpu: vcpus,
    kvm,
    qemu,
    vfio,
    'host-irq': host,
    'host-lapic': lapic,
    iommu,
    device: p.dev,
  });
  return {
    hypervisor: p.hypervisor ?? 'kvm',
    rec,
    opts: p.opts,
    bareMetal: p.bareMetal,
    bytes: p.bytes,
    dev: p.dev,
    vfio,
    qemu,
    host,
    lapic,
    iommu,
    kvm,
    vcpus,
    gk,
    gd,
  };
}
