/**
 * The explorer's own choices under a followed scenario: the kernel, the QEMU release, a permission patch
 * being reviewed and the kernel the diff-kernel overlay compares with. The kernel and QEMU the views show
 * are the user's when the scenario reaches the same state with them — every event up to the step the same
 * as the timeline's, so the views show the step the timeline shows — and otherwise the timeline's own,
 * with a note saying where the user's run departs and what it did instead. The patch and the compared
 * kernel are what-if twins, as in a session: always run, the note saying whether their run stays with the
 * timeline. Every choice gets a note; nothing is dropped silently.
 */
import { DEFAULT_QEMU_VERSION, type QemuVersion } from '../qemu/version';
import type { KernelId } from '../vfio/kernel';
import type { PermPatch } from '../vfio/patch/types';
import { runScenarioUntil, withoutRfc, type RunOptions } from './run';
import type { ScenarioDef } from './scenarios/index';
import type { TimelineEvent } from './timeline';
import type { WorldBuild } from './world';

/** What the explorer has chosen for its config views (its store's kernel, qemu, patch, compareKernel). */
export interface ConfigChoices {
  readonly kernel?: KernelId;
  /** The diff-kernel overlay's other kernel (only while that overlay is shown). */
  readonly compareKernel?: KernelId;
  readonly qemu?: QemuVersion;
  /** A parsed permission patch (parsePermPatch) being reviewed. */
  readonly patch?: PermPatch;
}

export interface ChoiceNote {
  readonly choice: keyof ConfigChoices;
  /** The views show the choice; false: they show the timeline's own, and `text` says why. */
  readonly honoured: boolean;
  readonly text: string;
}

export type ScenarioRun = ReturnType<typeof runScenarioUntil>;

/** An event as the timeline shows it, without its generated sentence (which follows from the rest). */
const identity = (e: TimelineEvent) => JSON.stringify([e.from, e.to, e.kind, e.source, e.payload, e.outcome]);

/** The first event up to the step where two runs differ, or null when they hold the same events. */
export function departure(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): number | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!a[i] || !b[i] || identity(a[i]) !== identity(b[i])) return i;
  return null;
}

/** A twin's run beside the timeline's: the same events, or where it leaves them and where it stands. */
function sameOrDeparted(id: string, what: string, timeline: ScenarioRun, other: ScenarioRun): string {
  const events = timeline.w.rec.events;
  const at = departure(events, other.w.rec.events);
  if (at === null) return `${id} runs the same there up to event ${events.length - 1}`;
  const last = other.w.rec.events.at(-1)!;
  return `${departed(id, what, at, timeline, other)}, so that side holds its own run's state, after its event ${last.seq} (${last.kind})`;
}

/** "event 0 is VFIO_DEVICE_FEATURE … returns -ENOTTY instead of …": where a run left the timeline. */
function departed(id: string, what: string, at: number, timeline: ScenarioRun, other: ScenarioRun): string {
  const said = (r: ScenarioRun) => {
    const e = r.w.rec.events[at];
    // The sentence without its full stop: it sits inside this one.
    return e ? `${e.kind}: ${e.explanation.replace(/\.$/, '')}` : 'nothing (that run ends before it)';
  };
  return `on ${what}, ${id} takes another path at event ${at} (${said(other)}; the timeline: ${said(timeline)})`;
}

export interface ChosenRuns {
  /** The run the views show: the timeline's, with every choice that keeps its events. */
  readonly shown: ScenarioRun;
  /** The scenario to the same step on the compared kernel (null: no compared kernel, or it is fixed). */
  readonly against: ScenarioRun | null;
  /** The scenario to the same step with the patch (null: no patch). */
  readonly patched: ScenarioRun | null;
  readonly notes: readonly ChoiceNote[];
}

/**
 * The runs behind a followed step: `timeline` is the scenario as its timeline runs it (its own options,
 * QEMU 9.1, no patch); each choice is tried on top of it in turn (kernel, QEMU, then the patch and the
 * compared kernel as diffs of what is shown).
 */
export function chooseRuns(
  def: ScenarioDef,
  options: RunOptions,
  step: number,
  timeline: ScenarioRun,
  choices: ConfigChoices,
): ChosenRuns {
  const notes: ChoiceNote[] = [];
  const events = timeline.w.rec.events;
  const own = timeline.opts.kernel;
  const runWith = (kernel: KernelId, build: WorldBuild) =>
    kernel === own && !build.qemu && !build.patch
      ? timeline
      : runScenarioUntil(def.id, { ...withoutRfc(options), kernel }, step, build);
  const kernelApplies = !def.applies || def.applies.includes('kernel');

  let kernel = own;
  let shown = timeline;
  if (choices.kernel !== undefined && choices.kernel !== own) {
    const mine = choices.kernel;
    if (!kernelApplies) {
      notes.push({
        choice: 'kernel',
        honoured: false,
        text: `Kernel ${own}, not yours (${mine}): ${def.id}'s definition fixes its kernel.`,
      });
    } else {
      const run = runWith(mine, {});
      const at = departure(events, run.w.rec.events);
      if (at === null) {
        kernel = mine;
        shown = run;
        notes.push({
          choice: 'kernel',
          honoured: true,
          text: `Kernel ${mine} (yours): ${def.id}'s timeline runs on ${own}, and its events up to ${events.length - 1} are the same on ${mine}, so the views show ${mine}'s tables.`,
        });
      } else {
        notes.push({
          choice: 'kernel',
          honoured: false,
          text: `Kernel ${own}, not yours (${mine}): ${departed(def.id, mine, at, timeline, run)}, so ${mine} never reaches the state this step shows. Choose ${mine} in the scenario's options to run the timeline on it.`,
        });
      }
    }
  } else if (choices.kernel !== undefined) {
    notes.push({ choice: 'kernel', honoured: true, text: `Kernel ${own}: yours, and the timeline's.` });
  }

  let qemu: QemuVersion | undefined;
  if (choices.qemu !== undefined && choices.qemu !== DEFAULT_QEMU_VERSION) {
    const mine = choices.qemu;
    const run = runWith(kernel, { qemu: mine });
    const at = departure(events, run.w.rec.events);
    if (at === null) {
      qemu = mine;
      shown = run;
      notes.push({
        choice: 'qemu',
        honoured: true,
        text: `QEMU ${mine} (yours): the timeline's QEMU is ${DEFAULT_QEMU_VERSION}, and its events up to ${events.length - 1} are the same on ${mine}, so the guest view is ${mine}'s.`,
      });
    } else {
      notes.push({
        choice: 'qemu',
        honoured: false,
        text: `QEMU ${DEFAULT_QEMU_VERSION}, not yours (${mine}): ${departed(def.id, `QEMU ${mine}`, at, timeline, run)}.`,
      });
    }
  } else if (choices.qemu !== undefined) {
    notes.push({
      choice: 'qemu',
      honoured: true,
      text: `QEMU ${DEFAULT_QEMU_VERSION}: yours, and the timeline's.`,
    });
  }

  // The two diffs are what-if twins, as a session's are (its op-log replayed on the patched or the other
  // kernel): shown even where the other run takes another path, which the note then says.
  let patched: ScenarioRun | null = null;
  if (choices.patch) {
    const patch = choices.patch;
    patched = runWith(kernel, { qemu, patch });
    const bits = changedBits(shown, patched);
    notes.push({
      choice: 'patch',
      honoured: true,
      text: `Your permission patch "${patch.name}" on ${kernel}: ${bits} bit${bits === 1 ? '' : 's'} of this step's tables change class (the diff-patch overlay shows them); ${sameOrDeparted(def.id, 'the patched kernel', timeline, patched)}.`,
    });
  }

  let against: ScenarioRun | null = null;
  if (choices.compareKernel !== undefined) {
    const other = choices.compareKernel;
    if (kernelApplies) {
      against = runWith(other, { qemu });
      const bits = changedBits(shown, against);
      notes.push({
        choice: 'compareKernel',
        honoured: true,
        text: `The diff-kernel overlay compares ${kernel} with ${other}: ${bits} bit${bits === 1 ? '' : 's'} of this step's tables differ; ${sameOrDeparted(def.id, other, timeline, against)}.`,
      });
    } else {
      notes.push({
        choice: 'compareKernel',
        honoured: false,
        text: `The diff-kernel overlay has nothing to compare: ${def.id}'s definition fixes its kernel (${own}).`,
      });
    }
  }
  return { shown, against, patched, notes };
}

/** Bits whose permission class (virtualized?, writable?) differs between two runs' devices. */
function changedBits(a: ScenarioRun, b: ScenarioRun): number {
  const pa = a.w.vfio.dev.perm;
  const pb = b.w.vfio.dev.perm;
  let n = 0;
  for (let i = 0; i < pa.virt.length; i++) {
    let d = (pa.virt[i] ^ pb.virt[i]) | (pa.write[i] ^ pb.write[i]);
    for (; d; d &= d - 1) n++;
  }
  return n;
}
