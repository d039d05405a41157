/**
 * A scenario's config space at one of its steps, as the explorer's config views show a device: the
 * scenario's own vfio-pci device and QEMU exactly as event `step` left them — the guest's MSI writes in
 * QEMU's copy or vconfig, the host's message in the hardware after VFIO_DEVICE_SET_IRQS, PCI_MSI_NOVIRT's
 * tables — so the bitmap, hex dump, field tree and inspector read it as they read an op-log's result.
 */
import { EngineError } from '../errors';
import { sessionOfDevice, type Session } from '../session/session';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../vfio/constants';
import { chooseRuns, type ChoiceNote, type ConfigChoices } from './config-choices';
import { runScenarioUntil, type RunOptions } from './run';
import { SCENARIOS } from './scenarios/index';
import type { TimelineEvent } from './timeline';

export interface ScenarioConfig {
  readonly id: string;
  readonly title: string;
  /** The event whose state is shown: `step`, or the last event when `step` is past the end. */
  readonly step: number;
  readonly event: TimelineEvent;
  readonly session: Session;
  /** The event whose VFIO_DEVICE_FEATURE SET PCI_MSI_NOVIRT is in force at the step, or null. */
  readonly novirtAt: number | null;
  /**
   * QEMU carries the ath quirk. It learns the host's message by reading the MSI address and data through
   * vfio's region: what the VMM view shows (the hardware's under NOVIRT, vconfig's without it).
   */
  readonly quirk: boolean;
  /** Every config read and write and VFIO_DEVICE_FEATURE call up to the step, oldest first. */
  readonly accesses: readonly TimelineEvent[];
  /** What became of each of the explorer's choices (config-choices.ts), in the order given. */
  readonly choices: readonly ChoiceNote[];
}

const isConfigAccess = (e: TimelineEvent) =>
  e.kind === 'config-read' || e.kind === 'config-write' || e.payload.ioctl === 'VFIO_DEVICE_FEATURE';

/** A successful VFIO_DEVICE_FEATURE SET of PCI_MSI_NOVIRT (vfio_pci_core_feature_msi_novirt in the RFC). */
const setsNovirt = (e: TimelineEvent) =>
  e.payload.ioctl === 'VFIO_DEVICE_FEATURE' &&
  e.payload.ret === 0 &&
  typeof e.payload.flags === 'number' &&
  (e.payload.flags & VFIO_DEVICE_FEATURE_SET) !== 0 &&
  (e.payload.flags & 0xffff) === VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;

/**
 * Why the config views cannot show scenario `id`'s device, or null when they can: bare metal has no
 * vfio-pci or QEMU in the way, and Xen's QEMU (xen_pt) is not the vfio-pci the explorer models.
 */
export function scenarioConfigRefusal(id: string): string | null {
  const def = SCENARIOS.find((s) => s.id === id);
  if (def?.bareMetal)
    return `${def.id} runs on bare metal: the host driver owns the device and no vfio-pci or QEMU stands between, so there is no virtualized config space to show (the device's registers are in the timeline's device state)`;
  if (def?.hypervisor === 'xen')
    return `${def.id} runs on Xen: QEMU's xen_pt, not vfio-pci, holds the device, and the explorer models vfio-pci's config space only`;
  return null;
}

/**
 * The config state a scenario's step leaves, under the explorer's `choices` where the scenario reaches the
 * same step with them (`choices` says which were honoured and why not). An EngineError when the scenario
 * has no vfio-pci device under QEMU to show (scenarioConfigRefusal), the step is not a step, or the
 * options are refused.
 */
export function scenarioConfigAt(
  id: string,
  options: RunOptions,
  step: number,
  choices: ConfigChoices = {},
): ScenarioConfig {
  const refusal = scenarioConfigRefusal(id);
  if (refusal) throw new EngineError('option', refusal);
  const timeline = runScenarioUntil(id, options, step);
  const { def, opts } = timeline;
  const chosen = chooseRuns(def, options, step, timeline, choices);
  const { w } = chosen.shown;
  const events = w.rec.events;
  const at = events.length - 1;
  const novirtAt = w.vfio.dev.state.novirt ? events.findLastIndex(setsNovirt) : -1;
  return {
    id: def.id,
    title: def.title,
    step: at,
    event: events[at],
    session: sessionOfDevice({
      bytes: w.bytes,
      device: w.vfio.dev,
      qemu: w.qemu.pci!,
      against: chosen.against?.w.vfio.dev,
      patched: chosen.patched
        ? {
            device: chosen.patched.w.vfio.dev,
            qemu: chosen.patched.w.qemu.pci!,
            patch: choices.patch!,
          }
        : undefined,
    }),
    novirtAt: novirtAt >= 0 ? novirtAt : null,
    quirk: opts.quirk,
    accesses: events.filter(isConfigAccess),
    choices: chosen.notes,
  };
}
