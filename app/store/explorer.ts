/**
 * The explorer's state, in slices: the device and its op-log, the selection and hover, the view options.
 * Actions are module-level functions so the URL codec, the command registry, the keyboard handler and
 * tests can call them without hooks; opening a device is `open-device.ts`, the op-log with undo and redo
 * `op-log.ts` (one store, this one). Derived data (sessions, masks, decoded trees) is never stored.
 */
import { create } from 'zustand';
import {
  DEFAULT_KERNEL,
  DEFAULT_PRESET,
  DEFAULT_QEMU_VERSION,
  type FollowSide,
  type KernelId,
  type QemuVersion,
  type SessionOp,
  type ViewPatch,
  type WalkRef,
} from '../../src/index';

export type DeviceSource =
  { kind: 'preset'; id: string } | { kind: 'custom'; name: string; bytes: Uint8Array };

export interface DeviceSlice {
  source: DeviceSource;
  /** Bytes of the loaded source (null while a preset loads). */
  bytes: Uint8Array | null;
  title: string;
  loadError: string | null;
  kernel: KernelId;
  /** The QEMU release whose rules build the guest view. */
  qemu: QemuVersion;
  ops: SessionOp[];
  /** Earlier op-logs, newest last (Undo), and the ones undone, next first (Redo). */
  opsPast: SessionOp[][];
  opsFuture: SessionOp[][];
  /** Counts what the user authored (ops, walkthrough edits): the draft keeper saves on each change. */
  edits: number;
}

export interface Selection {
  readonly offset: number;
  readonly size: number;
}

export interface SelectionSlice {
  /** Keyboard cursor: bit index, offset × 8 + bit. */
  cursor: number;
  selected: Selection | null;
  /** Hovered bit index, or null. */
  hover: number | null;
}

export type Overlay = 'perm' | 'values' | 'diff-views' | 'diff-novirt' | 'diff-kernel' | 'diff-patch';
export type ValueView = 'guest' | 'vmm' | 'physical';

export interface ViewSlice {
  overlay: Overlay;
  /** The kernel the diff-kernel overlay compares with; null: the engine's default for `kernel`. */
  compareKernel: KernelId | null;
  valueView: ValueView;
  compact: boolean;
  paletteOpen: boolean;
  importOpen: boolean;
  /** The Permission patch editor is shown (a link or step that carries a patch opens it). */
  patchOpen: boolean;
}

export interface ScenarioSlice {
  scenarioId: string;
  /** Options passed to runScenario (only what the user changed). */
  scenarioOptions: Record<string, unknown>;
  /** Index of the current event in the timeline. */
  step: number;
  playing: boolean;
  /** Events per second while playing. */
  speed: number;
  /** A second scenario shown beside the first with a shared cursor, or null. */
  compareId: string | null;
  /** Every source's packet travels its own path at once ("all hops at once", animated). */
  flight: boolean;
  /** A what-if permission patch (notation text, kept verbatim even while it does not parse), or null. */
  patch: ViewPatch | null;
  /**
   * The config views show a scenario's device as the timeline's step left it — the first scenario's, or
   * (`vs`) the compared one's at its paired event — instead of the device and op-log above, which stay
   * untouched: leaving (or any edit of the op-log, or another device) shows them. False: not following.
   */
  follow: FollowSide | false;
  /**
   * The config access at the timeline's cursor, published by the paths panel so the config explorer can
   * mark those bytes (on the scenario's own device), with the bits' provenance as one line.
   */
  timelineAccess: TimelineAccess | null;
  /** The event at the timeline's cursor as the paths panel shows it (a walkthrough step repeats it). */
  timelineEvent: TimelineEventLine | null;
}

export interface TimelineEventLine {
  readonly scenario: string;
  readonly seq: number;
  readonly kind: string;
  /** The engine's sentence for the event (generated from its payload). */
  readonly explanation: string;
}

export interface TimelineAccess {
  readonly preset: string;
  readonly offset: number;
  readonly size: number;
  /** Where the bits came from or went ("vconfig, hardware"); empty when the event does not say. */
  readonly provenance: string;
  readonly label: string;
}

export interface WalkSlice {
  /** The walkthrough being followed (a built-in by id, or one carried whole by a link), or null. */
  walk: WalkRef | null;
  walkStep: number;
  /** Presentation mode: no chrome, large type, keyboard only. */
  presenting: boolean;
  /** Why the link in the address bar could not be opened as it was (shown until dismissed). */
  linkError: string | null;
  /**
   * Why a file could not be opened. Kept apart from linkError: the address bar still holds a good state
   * and goes on following the screen (a link's error holds the address bar so the link can be read).
   */
  fileError: string | null;
  /** The state outgrew a link, so the address bar still shows the last state that fit. */
  urlStale: boolean;
  shareOpen: boolean;
  /** The Export figure… dialog. */
  exportOpen: boolean;
}

export type ExplorerState = DeviceSlice & SelectionSlice & ViewSlice & ScenarioSlice & WalkSlice;

export const initialState = (): ExplorerState => ({
  source: { kind: 'preset', id: DEFAULT_PRESET },
  bytes: null,
  title: '',
  loadError: null,
  kernel: DEFAULT_KERNEL,
  qemu: DEFAULT_QEMU_VERSION,
  ops: [],
  opsPast: [],
  opsFuture: [],
  edits: 0,
  cursor: 0x54 * 8,
  selected: null,
  hover: null,
  overlay: 'perm',
  compareKernel: null,
  valueView: 'vmm',
  compact: false,
  paletteOpen: false,
  importOpen: false,
  patchOpen: false,
  scenarioId: 'S2',
  scenarioOptions: {},
  step: 0,
  playing: false,
  speed: 2,
  compareId: null,
  flight: false,
  patch: null,
  follow: false,
  timelineAccess: null,
  timelineEvent: null,
  walk: null,
  walkStep: 0,
  presenting: false,
  linkError: null,
  fileError: null,
  urlStale: false,
  shareOpen: false,
  exportOpen: false,
});

export const useExplorer = create<ExplorerState>()(() => initialState());
const set = useExplorer.setState;
const get = useExplorer.getState;

export function setKernel(kernel: KernelId): void {
  set({ kernel });
}
export function setQemu(qemu: QemuVersion): void {
  set({ qemu });
}
export function setCompareKernel(compareKernel: KernelId | null): void {
  set({ compareKernel });
}
export function select(sel: Selection | null): void {
  set({ selected: sel });
}
export function setCursor(bit: number): void {
  set({ cursor: Math.max(0, Math.min(4096 * 8 - 1, bit)) });
}
export function setHover(bit: number | null): void {
  if (get().hover !== bit) set({ hover: bit });
}
export function setOverlay(overlay: Overlay): void {
  set({ overlay });
}
export function setValueView(valueView: ValueView): void {
  set({ valueView });
}
export function toggleCompact(): void {
  set({ compact: !get().compact });
}
export function setPalette(paletteOpen: boolean): void {
  set({ paletteOpen });
}
export function setImport(importOpen: boolean): void {
  set({ importOpen });
}

export function selectScenario(scenarioId: string): void {
  set({ scenarioId, scenarioOptions: {}, step: 0, playing: false });
}
/** Changing an option re-runs the scenario; the cursor stays on the same step where it still exists. */
export function setScenarioOption(key: string, value: unknown): void {
  const next = { ...get().scenarioOptions };
  if (value === undefined) delete next[key];
  else next[key] = value;
  set({ scenarioOptions: next });
}
export function setStep(step: number): void {
  set({ step: Math.max(0, step) });
}
export function setPlaying(playing: boolean): void {
  set({ playing });
}
export function setSpeed(speed: number): void {
  set({ speed });
}
export function setCompare(compareId: string | null): void {
  set({ compareId });
}
export function setFlight(flight: boolean): void {
  set({ flight, playing: false });
}
export function setPatch(patch: ViewPatch | null): void {
  set({ patch });
}
/** What the user typed in the patch editor, verbatim: authored work, so the draft keeper saves it. */
export function editPatch(patch: ViewPatch | null): void {
  set({ patch, edits: get().edits + 1 });
}
export function setPatchOpen(patchOpen: boolean): void {
  set({ patchOpen });
}
/**
 * The config views show a scenario's device at timeline step `step` (the first scenario's cursor; the
 * compared one follows at its paired event), on `selection`; the user's device and op-log stay as they
 * are (and the URL's history entry changes, so Back returns to them).
 */
export function followScenario(step: number, selection: Selection, side: FollowSide = 'scenario'): void {
  set({
    follow: side,
    step: Math.max(0, step),
    playing: false,
    selected: selection,
    cursor: selection.offset * 8 + 7,
  });
}
/** The config views go back to the user's own device and op-log. */
export function stopFollowing(): void {
  set({ follow: false });
}

export function setLinkError(linkError: string | null): void {
  set({ linkError });
}
export function setFileError(fileError: string | null): void {
  set({ fileError });
}
export function setExport(exportOpen: boolean): void {
  set({ exportOpen });
}
export function setShare(shareOpen: boolean): void {
  set({ shareOpen });
}
export function setPresenting(presenting: boolean): void {
  set({ presenting });
}
export function setTimelineAccess(timelineAccess: TimelineAccess | null): void {
  const now = get().timelineAccess;
  if (now?.label !== timelineAccess?.label || now?.preset !== timelineAccess?.preset) set({ timelineAccess });
}

export function setTimelineEvent(timelineEvent: TimelineEventLine | null): void {
  const now = get().timelineEvent;
  if (now?.scenario !== timelineEvent?.scenario || now?.seq !== timelineEvent?.seq) set({ timelineEvent });
}

/**
 * The timeline's config access when the explorer shows the scenario's device (following the scenario,
 * or the user's device is the preset it runs on), else null.
 */
export function useTimelineRange(): TimelineAccess | null {
  const access = useExplorer((s) => s.timelineAccess);
  const source = useExplorer((s) => s.source);
  const follow = useExplorer((s) => s.follow);
  return access && (follow || (source.kind === 'preset' && source.id === access.preset)) ? access : null;
}
