/**
 * The explorer's state, in slices: the device and its op-log, the selection and hover, the view options.
 * Actions are module-level functions so the URL codec, the command registry, the keyboard handler and
 * tests can call them without hooks. Derived data (sessions, masks, decoded trees) is never stored.
 */
import { create } from 'zustand';
import { decodeConfig, type SessionOp } from '../../src/index';
import { defaultSelection } from '../selection';
import { DEFAULT_PRESET } from '../presets';

export type DeviceSource =
  { kind: 'preset'; id: string } | { kind: 'custom'; name: string; bytes: Uint8Array };

export interface DeviceSlice {
  source: DeviceSource;
  /** Bytes of the loaded source (null while a preset loads). */
  bytes: Uint8Array | null;
  title: string;
  loadError: string | null;
  rfc: boolean;
  ops: SessionOp[];
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

export type Overlay = 'perm' | 'values' | 'diff-views' | 'diff-novirt';
export type ValueView = 'guest' | 'vmm' | 'physical';

export interface ViewSlice {
  overlay: Overlay;
  valueView: ValueView;
  compact: boolean;
  paletteOpen: boolean;
  importOpen: boolean;
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
}

export type ExplorerState = DeviceSlice & SelectionSlice & ViewSlice & ScenarioSlice;

export const initialState = (): ExplorerState => ({
  source: { kind: 'preset', id: DEFAULT_PRESET },
  bytes: null,
  title: '',
  loadError: null,
  rfc: true,
  ops: [],
  cursor: 0x54 * 8,
  selected: null,
  hover: null,
  overlay: 'perm',
  valueView: 'vmm',
  compact: false,
  paletteOpen: false,
  importOpen: false,
  scenarioId: 'S2',
  scenarioOptions: {},
  step: 0,
  playing: false,
  speed: 2,
  compareId: null,
  flight: false,
});

export const useExplorer = create<ExplorerState>()(() => initialState());
const set = useExplorer.setState;
const get = useExplorer.getState;

/** Register to select once a preset finishes loading (a link from the interrupt-path timeline). */
let pendingSelection: Selection | null = null;

export function selectPreset(id: string, selection?: Selection): void {
  const now = get();
  if (selection && now.bytes && now.source.kind === 'preset' && now.source.id === id) {
    set({ selected: selection, cursor: selection.offset * 8 + 7 });
    return;
  }
  pendingSelection = selection ?? null;
  set({
    source: { kind: 'preset', id },
    bytes: null,
    title: '',
    loadError: null,
    ops: [],
    selected: null,
    hover: null,
  });
}
/** A new device opens on its most telling register (the MSI address when it has MSI). */
function opened(bytes: Uint8Array) {
  const selected = pendingSelection ?? defaultSelection(decodeConfig(bytes));
  pendingSelection = null;
  return { bytes, selected, cursor: selected.offset * 8 + 7, hover: null, loadError: null, ops: [] };
}
export function loadCustom(name: string, bytes: Uint8Array, title: string): void {
  set({ source: { kind: 'custom', name, bytes }, title, importOpen: false, ...opened(bytes) });
}
export function deviceLoaded(bytes: Uint8Array, title: string): void {
  set({ title, ...opened(bytes) });
}
export function deviceFailed(message: string): void {
  set({ loadError: message });
}
export function addOp(op: SessionOp): void {
  set({ ops: [...get().ops, op] });
}
export function setRfc(rfc: boolean): void {
  set({ rfc });
}
export function resetDevice(): void {
  addOp({ kind: 'reset' });
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
