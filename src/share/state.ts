/**
 * What a share link carries: the intent behind the screen, never derived data. A device (a preset id or
 * the raw bytes someone pasted), the kernel, the op-log replayed through the engine, the selection, the
 * view, the scenario and its cursor — and the walkthrough being followed. Replaying it reproduces the screen.
 */
import type { SessionOp } from '../session/session';
import { DEFAULT_KERNEL, type KernelId } from '../vfio/kernel';
import { DEFAULT_QEMU_VERSION, type QemuVersion } from '../qemu/version';

export type DeviceRef =
  | { readonly kind: 'preset'; readonly id: string }
  | { readonly kind: 'custom'; readonly name: string; readonly bytes: Uint8Array };

/** `diff-patch`: what the view's permission patch (`patch`) changes; links without it never carry it. */
export const OVERLAYS = ['perm', 'values', 'diff-views', 'diff-novirt', 'diff-kernel', 'diff-patch'] as const;
export const VALUE_VIEWS = ['guest', 'vmm', 'physical'] as const;
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** The part of the screen a walkthrough step points at. */
export const REGIONS = ['config', 'paths'] as const;

export type Region = (typeof REGIONS)[number];
export type ScenarioOptionValue = string | number | boolean;

/** One complete explorer screen. */
export interface ViewState {
  readonly device: DeviceRef;
  /** Which kernel (src/vfio/kernel.ts). */
  readonly kernel: KernelId;
  /** The kernel the `diff-kernel` overlay compares with; null: defaultCompareKernel(kernel). */
  readonly compareKernel: KernelId | null;
  /** Which QEMU release sits on top (src/qemu/version.ts). */
  readonly qemu: QemuVersion;
  readonly ops: readonly SessionOp[];
  /** A setpci-style address (`0x54.L`, `CAP_MSI+4.L`, `PCI_MSI_ADDRESS_LO`) or `0x54:8`; null: the device's default. */
  readonly select: string | null;
  /** The keyboard cursor as a bit index (offset × 8 + bit); null: on the selection's top bit. */
  readonly cursor: number | null;
  readonly overlay: (typeof OVERLAYS)[number];
  readonly valueView: (typeof VALUE_VIEWS)[number];
  readonly compact: boolean;
  readonly scenario: string;
  readonly options: Readonly<Record<string, ScenarioOptionValue>>;
  readonly step: number;
  readonly speed: number;
  readonly compare: string | null;
  readonly flight: boolean;
  /**
   * A what-if permission patch (src/vfio/patch) in its notation, verbatim — kept even while it does not
   * parse, so a draft is never lost; a built-in travels by name (`patch=novirt`), other text in the token.
   */
  readonly patch: ViewPatch | null;
  /**
   * The config views show a scenario's device as the timeline's step left it (scenarioConfigAt), not the
   * device and op-log above, which stay as they are for when the views go back to them: `scenario` (link
   * `follow=1`) the first scenario at `step`, `vs` (`follow=vs`) the compared one at its event paired
   * with `step`; false: the user's device.
   */
  readonly follow: FollowSide | false;
}

/** Which of the side-by-side scenarios the config views follow. */
export type FollowSide = 'scenario' | 'vs';

export interface ViewPatch {
  readonly name: string;
  readonly text: string;
}

export interface WalkStep {
  readonly state: ViewState;
  /** Plain text with `**bold**` and `` `code` `` — always rendered as text. */
  readonly note: string;
  readonly highlight: Region | null;
}

export interface Walkthrough {
  readonly title: string;
  readonly steps: readonly WalkStep[];
}

export type WalkRef =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'custom'; readonly walkthrough: Walkthrough };

export interface LinkState {
  readonly view: ViewState;
  readonly walk: WalkRef | null;
  /** Index of the walkthrough step shown (0 when there is no walkthrough). */
  readonly walkStep: number;
  /** Presentation mode: no chrome, large type, keyboard only. */
  readonly present: boolean;
}

export const DEFAULT_PRESET = 'qca6390';

export const DEFAULT_VIEW: ViewState = {
  device: { kind: 'preset', id: DEFAULT_PRESET },
  kernel: DEFAULT_KERNEL,
  compareKernel: null,
  qemu: DEFAULT_QEMU_VERSION,
  ops: [],
  select: null,
  cursor: null,
  overlay: 'perm',
  valueView: 'vmm',
  compact: false,
  scenario: 'S2',
  options: {},
  step: 0,
  speed: 2,
  compare: null,
  flight: false,
  patch: null,
  follow: false,
};

export const DEFAULT_LINK: LinkState = { view: DEFAULT_VIEW, walk: null, walkStep: 0, present: false };

/** Bounds on what a link may ask for, so a hostile one cannot make the explorer do unbounded work. */
export const LIMITS = {
  /** A link longer than this is refused (chat clients cut at 2000; Outlook earlier). */
  linkChars: 2000,
  ops: 1000,
  steps: 100,
  noteChars: 4000,
  titleChars: 200,
  /** A permission patch's text (a few dozen lines of the notation). */
  patchChars: 4000,
  /** Bytes the token may inflate to: a few 4 KiB dumps and their notes. */
  inflatedBytes: 256 * 1024,
  /**
   * The same for a state read from a file, which may hold what the editor allows at its limits: 100
   * steps, each with its own 4 KiB dump, 1000 operations and a 4000-character note (about 3 MiB).
   */
  fileInflatedBytes: 16 * 1024 * 1024,
} as const;

/** What `diff-kernel` compares with when the link names no kernel: v7.0, or from v7.0 the RFC's kernel. */
export const defaultCompareKernel = (k: KernelId): KernelId => (k === 'v7.0' ? DEFAULT_KERNEL : 'v7.0');
