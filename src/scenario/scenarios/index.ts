/** S1–S10 as interrupt-paths.md §6 defines them: title, default options, host plan, and the script. */
import type { HostPlan } from '../models/host';
import type { ScenarioOptions, World } from '../world';
import type { ActorId, LaneId } from '../timeline';
import { runAthVm, runS4, runS8 } from './ath-vm';
import { runS9 } from './xen';
import { runS1, runS10 } from './bare-metal';
import { runS5, runS6 } from './designs';
import { BASE_OPTIONS, SCENARIO_BRANCHES } from '../catalog';

export interface ScenarioDef {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly defaults: ScenarioOptions;
  /** Options a caller may change; the rest are fixed by the scenario's definition. Default: all. */
  readonly applies?: readonly (keyof ScenarioOptions)[];
  /** Allowed values of `branch`, first is the default, with the options each branch implies. */
  readonly branches?: readonly string[];
  readonly branchOptions?: Readonly<Record<string, Partial<ScenarioOptions>>>;
  readonly bareMetal?: boolean;
  readonly device?: 'ath11k' | 'msix-nic';
  /** Xen instead of KVM + vfio-pci (S9): no vfio realize, Xen's own delivery. */
  readonly hypervisor?: 'kvm' | 'xen';
  /** Who plays the actors that are not Linux/KVM/vfio-pci in this scenario. */
  readonly actorLabels?: Readonly<Partial<Record<ActorId, string>>>;
  /** The scenario's names for the diagram's lanes when they are not guest / host kernel and VMM / hardware. */
  readonly laneLabels?: Readonly<Partial<Record<LaneId, string>>>;
  readonly plan: (o: ScenarioOptions) => HostPlan;
  readonly run: (w: World, branch: string | undefined) => void;
}

const BASE = BASE_OPTIONS;

const single: (o: ScenarioOptions) => HostPlan = (o) =>
  o.vectors > 1 && o.guest === 'windows'
    ? { apic: 6, vector: 0x50, irteBase: 0x30, firstIrq: 160 }
    : { apic: 6, vector: 0x24, irteBase: 0x2b, firstIrq: 150 };

/**
 * On bare metal (S1, S10) there is no VM: the driver in the guest's slot is the host's own ath11k, and the
 * guest kernel, vCPU, QEMU, KVM and vfio-pci slots stay empty. Their names say so, so no diagram or event
 * log shows a guest that does not exist.
 */
const BARE_METAL: Pick<ScenarioDef, 'bareMetal' | 'actorLabels' | 'laneLabels'> = {
  bareMetal: true,
  actorLabels: {
    'guest-driver': 'ath11k (host driver)',
    'guest-kernel': 'No guest kernel',
    vcpu: 'No vCPU',
    qemu: 'No VMM',
    kvm: 'KVM (not involved)',
    vfio: 'vfio-pci (not bound)',
  },
  laneLabels: { guest: 'Host driver (no VM)', host: 'Host kernel' },
};

export const SCENARIOS: readonly ScenarioDef[] = [
  {
    id: 'S1',
    applies: ['ir', 'vectors', 'ringWrites', 'affinityChange'],
    title: 'Bare-metal ath11k (Intel host, IR on, 32 vectors)',
    summary: 'The driver copies the host message into its rings; with remapping the copy stays valid.',
    defaults: { ...BASE },
    ...BARE_METAL,
    plan: (o) =>
      o.ir === 'none'
        ? { apic: 0, vector: 0x25, irteBase: 0, firstIrq: 120 }
        : { apic: 2, vector: 0x2d, irteBase: 0x40, firstIrq: 120 },
    run: (w) => runS1(w),
  },
  {
    id: 'S2',
    title: 'VM, default vfio MSI virtualization (broken)',
    summary: 'The rings get the guest message; the device sends it and VT-d blocks it (fault 0x25).',
    defaults: { ...BASE },
    plan: single,
    run: (w) => runAthVm(w),
  },
  {
    id: 'S3',
    title: 'VM with MSI_NOVIRT + the QEMU ath quirk (works)',
    summary: 'QEMU reads the host message through the un-virtualized region and rewrites the ring writes.',
    defaults: { ...BASE, quirk: true },
    plan: single,
    run: (w) => runAthVm(w),
  },
  {
    id: 'S4',
    applies: [
      'ir',
      'posted',
      'kernel',
      'quirk',
      'vectors',
      'vcpus',
      'viommu',
      'vcpuState',
      'affinityChange',
      'ringWrites',
      'athDeviceId',
    ],
    title: "A message the quirk did not expect (Jason's objection)",
    summary:
      'An IMS-style guest, an 8-byte store (split into two 4-byte writes: it survives) or a re-target: when is the quirk wrong?',
    defaults: { ...BASE, quirk: true },
    branches: SCENARIO_BRANCHES.S4,
    plan: single,
    run: (w, b) => runS4(w, b),
  },
  {
    id: 'S5',
    applies: ['vcpus'],
    title: "Jason's design: IMS domain + SET_IRQS per source (hypothetical)",
    summary: 'One source, one host IRQ, one route: the VMM traps, vfio allocates, the host writes the ring.',
    defaults: { ...BASE, vectors: 1 },
    plan: single,
    run: (w) => runS5(w),
  },
  {
    id: 'S6',
    applies: ['posted', 'kernel', 'vcpus', 'vcpuState'],
    title: 'Standard MSI-X device (contrast)',
    summary: 'The guest table lives in QEMU; the host writes the physical entry; posted delivery.',
    defaults: { ...BASE, vectors: 1, posted: true },
    device: 'msix-nic',
    plan: () => ({ apic: 6, vector: 0x28, irteBase: 0x52, firstIrq: 170 }),
    run: (w) => runS6(w),
  },
  {
    id: 'S7',
    title: 'Posted-interrupt path (on top of S3)',
    summary: 'The IRTE posts straight into the vCPU: no host handler, no eventfd, no exit.',
    defaults: { ...BASE, quirk: true, posted: true },
    plan: single,
    run: (w) => runAthVm(w),
  },
  {
    id: 'S8',
    applies: ['kernel', 'quirk', 'posted', 'vcpus', 'vcpuState', 'ringWrites', 'athDeviceId'],
    title: '>255-vCPU guest: vIOMMU vs extended destination id',
    summary: 'APIC 0x11f needs either the 15-bit destination convention or a virtual IOMMU.',
    defaults: { ...BASE, vectors: 1, vcpus: 288 },
    branches: SCENARIO_BRANCHES.S8,
    branchOptions: { 'ext-dest-id': { extDestId: true }, viommu: { viommu: true }, none: {} },
    plan: single,
    run: (w, b) => runS8(w, b),
  },
  {
    id: 'S9',
    applies: ['vcpus', 'ringWrites', 'athDeviceId'],
    title: 'Xen on an AMD host: guest vector as IRTE index (Xen RFC, not vfio/KVM)',
    summary:
      "Xen's AMD IOMMU quirk moves the device's IRTE to the guest's vector when XEN_DOMCTL_bind_pt_irq binds it, so the guest's own data is a valid index. QEMU's xen_pt and Xen play the VMM and hypervisor.",
    defaults: { ...BASE, ir: 'amd' },
    hypervisor: 'xen',
    actorLabels: {
      qemu: 'QEMU xen_pt',
      kvm: 'Xen hypervisor',
      vfio: 'vfio-pci (unused)',
      'host-irq': 'Xen IRQ core',
      iommu: 'AMD IOMMU (device IRT)',
    },
    plan: () => ({ apic: 6, vector: 0x24, irteBase: 0, firstIrq: 150 }),
    run: (w) => runS9(w),
  },
  {
    id: 'S10',
    applies: ['vectors', 'ringWrites', 'affinityChange'],
    title: 'Bare-metal stale copy after re-targeting (2023 regression)',
    summary: 'No IR, one MSI: the IRQ moves, the message changes, the rings keep the old one.',
    defaults: { ...BASE, ir: 'none', vectors: 1, affinityChange: true },
    ...BARE_METAL,
    plan: () => ({ apic: 3, vector: 0x21, irteBase: 0, firstIrq: 120 }),
    run: (w) => runS10(w),
  },
];
