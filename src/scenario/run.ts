/**
 * runScenario(id, options): resolve and check the options, build the world, run the script, and return
 * the timeline with a snapshot after every event and a verdict per interrupt source.
 */
import { EngineError } from '../errors';
import { createVfioDevice } from '../vfio/create-device';
import { KERNEL_IDS, resolveKernel } from '../vfio/kernel';
import { QemuVfioPci } from '../qemu/config';
import { DeviceModel } from './models/device';
import { SCENARIOS, type ScenarioDef } from './scenarios/index';
import { athWorld } from './scenarios/setup';
import { ATH_DEVICE_IDS, buildWorld, type ScenarioOptions, type World, type WorldBuild } from './world';
import { StopRecording, type ActorId, type LaneId, type Snapshot, type TimelineEvent, type Verdict } from './timeline';
import { parseLspciDump } from '../pci/lspci';
import { IGB_82576_DUMP } from '../devices/igb-82576';
import { SCENARIO_IDS } from './catalog';
import { qemuRealize } from './flows/realize';

export interface RunOptions extends Partial<ScenarioOptions> {
  /** Sub-case of S4 / S8. */
  readonly branch?: string;
  /** The older kernel switch: true is `kernel: 'v6.11-rfc'`, false is `'v6.11'` (must agree with `kernel`). */
  readonly rfc?: boolean;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly options: ScenarioOptions & { readonly branch?: string };
  readonly initial: Snapshot;
  readonly events: readonly TimelineEvent[];
  /** snapshots[i]: every actor's state after events[i]. */
  readonly snapshots: readonly Snapshot[];
  readonly verdicts: readonly Verdict[];
  /** Who plays an actor when it is not Linux/KVM/vfio-pci (S9: Xen); the diagram's names otherwise. */
  readonly actorLabels: Readonly<Partial<Record<ActorId, string>>>;
  /** The diagram's lane names where the scenario's differ (bare metal: no guest lane). */
  readonly laneLabels: Readonly<Partial<Record<LaneId, string>>>;
}

/** The values each enumerated option accepts (the UI offers exactly these). */
export const SCENARIO_CHOICES: { readonly [K in keyof ScenarioOptions]?: readonly (string | number)[] } = {
  ir: ['intel', 'amd', 'none'],
  vectors: [1, 16, 32],
  guest: ['linux', 'windows', 'ims'],
  vcpuState: ['running', 'blocked', 'preempted'],
  ringWrites: ['lsb-msb-data', 'wide', 'data-first'],
  device: ['ath11k', 'plain-msi'],
  athDeviceId: ATH_DEVICE_IDS,
  kernel: KERNEL_IDS,
};
const BOOLEANS: (keyof ScenarioOptions)[] = ['posted', 'quirk', 'viommu', 'extDestId', 'affinityChange'];

const bad = (msg: string) => new EngineError('option', msg);

/** `rfc: boolean` as the kernel it meant (resolveKernel checks that it agrees with `kernel`). */
export function withoutRfc(o: RunOptions): Omit<RunOptions, 'rfc'> {
  if (o === null || typeof o !== 'object' || !Object.hasOwn(o, 'rfc')) return o;
  const { rfc, ...rest } = o;
  return { ...rest, kernel: resolveKernel({ kernel: o.kernel, rfc }).id };
}

function resolve(def: ScenarioDef, options: RunOptions): ScenarioOptions & { branch?: string } {
  const o = withoutRfc(options);
  if (o === null || typeof o !== 'object') throw bad('options must be an object');
  for (const key of Object.keys(o)) {
    // Own keys only: `in` would take "constructor" or "__proto__" (from JSON) for options.
    if (key !== 'branch' && !Object.hasOwn(def.defaults, key))
      throw bad(`unknown option "${key.slice(0, 40)}"`);
    const k = key as keyof ScenarioOptions;
    if (key !== 'branch' && def.applies && !def.applies.includes(k) && o[k] !== def.defaults[k]) {
      throw bad(
        `option "${key}" does not apply to ${def.id} (${def.title}); it may change ${def.applies.join(', ') || 'nothing'}`,
      );
    }
  }
  const branch = o.branch ?? def.branches?.[0];
  const implied = (branch && def.branchOptions?.[branch]) || {};
  const r = { ...def.defaults, ...implied, ...o } as ScenarioOptions & { branch?: string };
  for (const [key, allowed] of Object.entries(SCENARIO_CHOICES)) {
    const v = r[key as keyof ScenarioOptions];
    if (!allowed!.includes(v as string | number))
      throw bad(
        `option "${key}" must be one of ${allowed!.map((a) => JSON.stringify(a)).join(', ')}, not ${JSON.stringify(v)}`,
      );
  }
  for (const key of BOOLEANS)
    if (typeof r[key] !== 'boolean') throw bad(`option "${key}" must be true or false`);
  if (!Number.isInteger(r.vcpus) || r.vcpus < 1 || r.vcpus > 4096)
    throw bad('option "vcpus" must be an integer from 1 to 4096');
  // Bare metal: the driver itself asks the host for every vector. (In a VM a short host grant is modelled:
  // vfio_msi_enable returns the count and QEMU retries with it.)
  if (def.bareMetal && r.vectors > 1 && r.ir === 'none') {
    throw bad(
      `options "vectors": ${r.vectors} and "ir": "none" are impossible together on bare metal: x86 cannot do multi-MSI without interrupt remapping (the host would grant 1 vector)`,
    );
  }
  if (r.posted && r.ir === 'none')
    throw bad('option "posted" needs interrupt remapping: set "ir" to "intel" or "amd"');
  if (r.guest === 'windows' && r.vectors === 32)
    throw bad('option "guest": "windows" programs 16 vectors; set "vectors" to 16');
  if (def.branches) {
    r.branch = o.branch ?? def.branches[0];
    if (!def.branches.includes(r.branch))
      throw bad(
        `option "branch" of ${def.id} must be one of ${def.branches.join(', ')}, not ${JSON.stringify(o.branch)}`,
      );
  } else if (o.branch !== undefined) {
    throw bad(`${def.id} has no branches; remove option "branch"`);
  }
  return r;
}

function world(def: ScenarioDef, o: ScenarioOptions, build: WorldBuild): World {
  if (def.device === 'msix-nic') {
    const [nic] = parseLspciDump(IGB_82576_DUMP);
    const vfio = createVfioDevice(nic.bytes, {
      kernel: o.kernel,
      ...(build.patch && { patch: build.patch }),
      resources: [{ index: 3, start: 0xb1b04000, size: 0x4000, type: 'mem32' }],
    });
    const dev = new DeviceModel(vfio, 0x0300, 0x50, [], 10); // host 03:00.0; MSI@0x50; 10 MSI-X entries
    return buildWorld({
      opts: o,
      bareMetal: false,
      bytes: nic.bytes,
      vfio,
      qemu: new QemuVfioPci(vfio, { version: build.qemu }),
      dev,
      plan: def.plan(o),
      firstGsi: 50,
    });
  }
  return athWorld(o, def.plan(o), def.bareMetal, def.hypervisor, build);
}

function scenarioDef(id: string): ScenarioDef {
  const def = SCENARIOS.find((s) => s.id === id);
  if (!def) throw bad(`unknown scenario "${String(id)}": choose one of ${SCENARIO_IDS.join(', ')}`);
  return def;
}

/** The options a run would use (defaults, branch, caller's), or the EngineError saying why they are refused. */
export function resolveScenarioOptions(id: string, options: RunOptions = {}) {
  return resolve(scenarioDef(id), options);
}

/** Builds the world and plays the script (QEMU's realize first), to its end or to the recorder's stop. */
function play(id: string, options: RunOptions, stopAfter: number | null, build: WorldBuild = {}) {
  const def = scenarioDef(id);
  const opts = resolve(def, options);
  const w = world(def, opts, build);
  w.rec.stopAfter = stopAfter;
  try {
    if (w.qemu.pci && w.hypervisor === 'kvm') qemuRealize(w);
    def.run(w, opts.branch);
  } catch (e) {
    if (!(e instanceof StopRecording)) throw e;
  }
  return { def, opts, w };
}

/**
 * The scenario's world as event `step` left it (the last event's when `step` is past the end, as the
 * timeline shows it): its vfio device, QEMU and every actor are live objects in that state.
 */
export function runScenarioUntil(id: string, options: RunOptions, step: number, build: WorldBuild = {}) {
  if (!Number.isInteger(step) || step < 0) throw bad(`step must be an integer from 0, not ${String(step)}`);
  return play(id, options, step, build);
}

export function runScenario(id: string, options: RunOptions = {}): ScenarioResult {
  const { def, opts, w } = play(id, options, null);
  return {
    id: def.id,
    title: def.title,
    summary: def.summary,
    options: opts,
    initial: w.rec.initial,
    events: w.rec.events,
    snapshots: w.rec.snapshots,
    verdicts: w.rec.verdicts,
    actorLabels: def.actorLabels ?? {},
    laneLabels: def.laneLabels ?? {},
  };
}
