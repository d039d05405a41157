/**
 * Following and authoring walkthroughs. Moving to a step applies that step's whole state and pushes a
 * history entry; authoring edits only custom walkthroughs (a built-in is copied first).
 */
import { LIMITS, type Region, type WalkStep, type Walkthrough } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { applyView, viewOf } from '../store/link';
import { markDeliberate } from '../url/history';
import { builtinById, loadBuiltins } from './catalog';

const get = useExplorer.getState;
const set = useExplorer.setState;

/** The steps of the walkthrough being followed (empty while a built-in's content loads). */
export function stepsOf(s = get()): readonly WalkStep[] {
  if (!s.walk) return [];
  return s.walk.kind === 'custom' ? s.walk.walkthrough.steps : (builtinById(s.walk.id)?.steps ?? []);
}

export function goToStep(index: number): void {
  const steps = stepsOf();
  if (index < 0 || index >= steps.length) return;
  markDeliberate();
  applyView(steps[index].state);
  set({ walkStep: index });
}

export async function openBuiltin(id: string): Promise<void> {
  await loadBuiltins();
  if (!builtinById(id)) return;
  set({ walk: { kind: 'builtin', id }, walkStep: 0 });
  goToStep(0);
}

export function closeWalkthrough(): void {
  markDeliberate();
  set({ walk: null, walkStep: 0, presenting: false });
}

// --- authoring -------------------------------------------------------------------------------------------

function custom(): Walkthrough | null {
  const w = get().walk;
  return w?.kind === 'custom' ? w.walkthrough : null;
}
/** Every authoring change goes through here, and counts as an edit (the draft keeper saves it). */
function write(walkthrough: Walkthrough, walkStep = get().walkStep): void {
  set({ walk: { kind: 'custom', walkthrough }, walkStep, edits: get().edits + 1 });
}

/** A new walkthrough whose first step is the screen as it is now. */
export function newWalkthrough(): void {
  markDeliberate();
  write({ title: 'Untitled walkthrough', steps: [{ state: viewOf(get()), note: '', highlight: null }] }, 0);
}

/** A built-in copied into an editable walkthrough, at the same step. */
export function copyToCustom(): void {
  const w = get().walk;
  if (w?.kind !== 'builtin') return;
  const b = builtinById(w.id);
  if (!b) return;
  write({
    title: `${b.title} (copy)`,
    steps: b.steps.map(({ state, note, highlight }) => ({ state, note, highlight })),
  });
}

export function setTitle(title: string): void {
  const w = custom();
  if (w) write({ ...w, title });
}

/** Adds the current screen as a step after the current one and moves to it. */
export function addCurrentAsStep(): void {
  const w = custom();
  if (!w || w.steps.length >= LIMITS.steps) return;
  const at = get().walkStep + 1;
  const steps = [...w.steps];
  steps.splice(at, 0, { state: viewOf(get()), note: '', highlight: null });
  markDeliberate();
  write({ ...w, steps }, at);
}

export function updateStep(index: number, patch: { note?: string; highlight?: Region | null }): void {
  const w = custom();
  if (!w || !w.steps[index]) return;
  write({ ...w, steps: w.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
}

/** Replaces a step's state with the screen as it is now. */
export function recaptureStep(index: number): void {
  const w = custom();
  if (!w || !w.steps[index]) return;
  write({ ...w, steps: w.steps.map((s, i) => (i === index ? { ...s, state: viewOf(get()) } : s)) });
}

export function moveStep(index: number, delta: -1 | 1): void {
  const w = custom();
  const to = index + delta;
  if (!w || !w.steps[index] || !w.steps[to]) return;
  const steps = [...w.steps];
  [steps[index], steps[to]] = [steps[to], steps[index]];
  const now = get().walkStep;
  write({ ...w, steps }, now === index ? to : now === to ? index : now);
}

export function deleteStep(index: number): void {
  const w = custom();
  if (!w || !w.steps[index] || w.steps.length === 1) return;
  const steps = w.steps.filter((_, i) => i !== index);
  write({ ...w, steps }, Math.min(get().walkStep, steps.length - 1));
}
