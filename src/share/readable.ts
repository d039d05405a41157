/**
 * The readable half of a link: keys a reviewer can type or edit by hand, e.g.
 * `device=qca6390&novirt=1&select=0x54.L&scenario=S3&step=12`. Only values that differ from the default
 * screen are written. What does not fit a short key (pasted bytes, a long op-log) goes to the token.
 */
import { EngineError } from '../errors';
import { formatSetpciAddress, parseSetpciAddress } from '../pci/setpci';
import { BASE_OPTIONS, SCENARIO_BRANCHES, SCENARIO_IDS } from '../scenario/catalog';
import type { SessionOp } from '../session/session';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../vfio/constants';
import { KERNEL_IDS } from '../vfio/kernel';
import { QEMU_VERSION_IDS } from '../qemu/version';
import {
  DEFAULT_VIEW,
  OVERLAYS,
  SPEEDS,
  VALUE_VIEWS,
  type FollowSide,
  type ScenarioOptionValue,
  type ViewPatch,
  type ViewState,
} from './state';
import { builtinPatch, BUILTIN_PATCHES } from '../vfio/patch/builtins';

export type Pairs = [string, string][];

/** What a view needs beyond its readable keys; carried by the token. */
export interface ViewExtras {
  readonly device?: { readonly name: string; readonly bytes: Uint8Array };
  readonly ops?: readonly SessionOp[];
  /** A patch that is not a built-in's unchanged text. */
  readonly patch?: ViewPatch;
}

/** `novirt=1`: the op nearly every review link starts with, VFIO_DEVICE_FEATURE SET PCI_MSI_NOVIRT. */
export const NOVIRT_OP: SessionOp = {
  kind: 'feature',
  flags: VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  argsz: 8,
};
const isNovirt = (op: SessionOp | undefined) =>
  op?.kind === 'feature' && op.flags === NOVIRT_OP.flags && op.argsz === NOVIRT_OP.argsz;

export const VIEW_KEYS = [
  'device',
  'kernel',
  'kvs',
  'qemu',
  'novirt',
  'select',
  'bit',
  'overlay',
  'view',
  'compact',
  'scenario',
  'step',
  'speed',
  'vs',
  'flight',
  'patch',
  'follow',
] as const;
/** Scenario options are `o.<name>=<value>`. */
export const OPTION_PREFIX = 'o.';

const hex = (n: number) => `0x${n.toString(16)}`;

export function viewToPairs(view: ViewState): { pairs: Pairs; extras: ViewExtras } {
  const pairs: Pairs = [];
  const d = DEFAULT_VIEW;
  const extras: { device?: ViewExtras['device']; ops?: readonly SessionOp[]; patch?: ViewPatch } = {};
  if (view.device.kind === 'custom') {
    pairs.push(['device', 'custom']);
    extras.device = { name: view.device.name, bytes: view.device.bytes };
  } else if (view.device.id !== (d.device as { id: string }).id) pairs.push(['device', view.device.id]);
  if (view.kernel !== d.kernel) pairs.push(['kernel', view.kernel]);
  if (view.compareKernel !== null) pairs.push(['kvs', view.compareKernel]);
  if (view.qemu !== d.qemu) pairs.push(['qemu', view.qemu]);
  const ops = isNovirt(view.ops[0]) ? view.ops.slice(1) : view.ops;
  if (ops !== view.ops) pairs.push(['novirt', '1']);
  if (ops.length) extras.ops = ops;
  if (view.select !== null) pairs.push(['select', view.select]);
  if (view.cursor !== null) pairs.push(['bit', `${hex(view.cursor >> 3)}:${view.cursor & 7}`]);
  if (view.overlay !== d.overlay) pairs.push(['overlay', view.overlay]);
  if (view.valueView !== d.valueView) pairs.push(['view', view.valueView]);
  if (view.compact) pairs.push(['compact', '1']);
  if (view.scenario !== d.scenario) pairs.push(['scenario', view.scenario]);
  for (const [k, v] of Object.entries(view.options)) pairs.push([OPTION_PREFIX + k, String(v)]);
  if (view.step !== d.step) pairs.push(['step', String(view.step)]);
  if (view.speed !== d.speed) pairs.push(['speed', String(view.speed)]);
  if (view.compare !== null) pairs.push(['vs', view.compare]);
  if (view.flight) pairs.push(['flight', '1']);
  if (view.patch) {
    // A built-in's own text goes by name: `patch=novirt` is all a reviewer has to type.
    const b = builtinPatch(view.patch.name);
    if (b && b.text === view.patch.text) pairs.push(['patch', b.name]);
    else {
      pairs.push(['patch', 'custom']);
      extras.patch = view.patch;
    }
  }
  // The first scenario keeps the key's original `1`, so links keep reading as they always did.
  if (view.follow) pairs.push(['follow', view.follow === 'vs' ? 'vs' : '1']);
  return { pairs, extras };
}

const bad = (key: string, value: string, why: string) =>
  new EngineError('link', `${key}=${value.length > 40 ? `${value.slice(0, 40)}…` : value}: ${why}`);

function oneOf<T extends string | number>(key: string, value: string, allowed: readonly T[]): T {
  const hit = allowed.find((a) => String(a) === value);
  if (hit === undefined) throw bad(key, value, `expected one of ${allowed.join(', ')}`);
  return hit;
}
function flag(key: string, value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw bad(key, value, 'expected 1 or 0');
}
function integer(key: string, value: string, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) > max) throw bad(key, value, `expected an integer 0…${max}`);
  return Number(value);
}

/** How a link writes a register selection: setpci's `0x54.L` for 1, 2 or 4 bytes, `0x100:16` for other sizes. */
export function formatSelect(offset: number, size: number): string {
  return size === 1 || size === 2 || size === 4
    ? formatSetpciAddress({ base: { kind: 'absolute' }, offset, width: size })
    : `0x${offset.toString(16)}:${size}`;
}

/** The `0x100:16` form (any size): offset and size, or null for a setpci address. */
export function parseSizedSelect(value: string): { offset: number; size: number } | null {
  const sized = /^(?:0x)?([0-9a-f]{1,3}):(\d{1,4})$/i.exec(value);
  return sized ? { offset: parseInt(sized[1], 16), size: Number(sized[2]) } : null;
}

/** `0x54.L`, `CAP_MSI+4.L`, `PCI_MSI_ADDRESS_LO` (setpci syntax) or `0x54:8` (any size). */
function selection(value: string): string {
  const sized = parseSizedSelect(value);
  if (sized) {
    if (sized.size < 1 || sized.offset + sized.size > 4096)
      throw bad('select', value, 'the range must lie inside 4096 bytes');
    return value;
  }
  try {
    parseSetpciAddress(value);
  } catch (e) {
    throw bad('select', value, (e as Error).message);
  }
  return value;
}

function bitOf(value: string): number {
  const m = /^(?:0x)?([0-9a-f]{1,3}):([0-7])$/i.exec(value);
  if (!m || parseInt(m[1], 16) > 0xfff) throw bad('bit', value, 'expected <offset>:<bit>, e.g. 0x54:3');
  return parseInt(m[1], 16) * 8 + Number(m[2]);
}

function scenarioOptions(scenario: string, raw: Pairs): Record<string, ScenarioOptionValue> {
  const options: Record<string, ScenarioOptionValue> = {};
  for (const [key, value] of raw) {
    const name = key.slice(OPTION_PREFIX.length);
    if (name === 'branch') {
      options.branch = oneOf(key, value, SCENARIO_BRANCHES[scenario] ?? []);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(BASE_OPTIONS, name))
      throw bad(key, value, `${scenario} has no option "${name}"`);
    const kind = typeof BASE_OPTIONS[name as keyof typeof BASE_OPTIONS];
    options[name] =
      kind === 'boolean' ? flag(key, value) : kind === 'number' ? integer(key, value, 4096) : value;
  }
  return options;
}

function readPatch(value: string | undefined, extras: ViewExtras): { patch: ViewPatch | null } {
  if (value === undefined) return { patch: null };
  if (value === 'custom') {
    if (!extras.patch) throw bad('patch', value, 'the link carries no patch text');
    return { patch: extras.patch };
  }
  const b = builtinPatch(value);
  if (!b)
    throw bad(
      'patch',
      value,
      `expected custom or a built-in: ${BUILTIN_PATCHES.map((p) => p.name).join(', ')}`,
    );
  return { patch: { name: b.name, text: b.text } };
}

/** Builds a view from its readable keys (already checked to be known) and the token's extras. */
export function pairsToView(pairs: Pairs, extras: ViewExtras): ViewState {
  const get = (k: string) => pairs.find(([key]) => key === k)?.[1];
  const d = DEFAULT_VIEW;
  const deviceKey = get('device');
  let device = d.device;
  if (deviceKey === 'custom') {
    if (!extras.device) throw bad('device', deviceKey, 'the link carries no device bytes');
    device = { kind: 'custom', ...extras.device };
  } else if (deviceKey !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(deviceKey)) throw bad('device', deviceKey, 'not a preset id');
    device = { kind: 'preset', id: deviceKey };
  }
  const kernel = get('kernel');
  const kvs = get('kvs');
  const qemu = get('qemu');
  const novirt = get('novirt');
  const ops = [...(novirt !== undefined && flag('novirt', novirt) ? [NOVIRT_OP] : []), ...(extras.ops ?? [])];
  const select = get('select');
  const bit = get('bit');
  const scenario = get('scenario') ?? d.scenario;
  oneOf('scenario', scenario, SCENARIO_IDS);
  const step = get('step');
  const speed = get('speed');
  const vs = get('vs');
  const flight = get('flight');
  const overlay = get('overlay');
  const view = get('view');
  const compact = get('compact');
  const follow = get('follow');
  return {
    ...readPatch(get('patch'), extras),
    device,
    kernel: kernel === undefined ? d.kernel : oneOf('kernel', kernel, KERNEL_IDS),
    compareKernel: kvs === undefined ? null : oneOf('kvs', kvs, KERNEL_IDS),
    qemu: qemu === undefined ? d.qemu : oneOf('qemu', qemu, QEMU_VERSION_IDS),
    ops,
    select: select === undefined ? null : selection(select),
    cursor: bit === undefined ? null : bitOf(bit),
    overlay: overlay === undefined ? d.overlay : oneOf('overlay', overlay, OVERLAYS),
    valueView: view === undefined ? d.valueView : oneOf('view', view, VALUE_VIEWS),
    compact: compact !== undefined && flag('compact', compact),
    scenario,
    options: scenarioOptions(
      scenario,
      pairs.filter(([k]) => k.startsWith(OPTION_PREFIX)),
    ),
    step: step === undefined ? d.step : integer('step', step, 100_000),
    speed: speed === undefined ? d.speed : oneOf('speed', speed, SPEEDS),
    compare: vs === undefined ? null : oneOf('vs', vs, SCENARIO_IDS),
    flight: flight !== undefined && flag('flight', flight),
    follow: followSide(follow, vs),
  };
}

/** `follow=1` (since format 2: the first scenario), `follow=vs` (the compared one, which `vs=` must name). */
function followSide(follow: string | undefined, vs: string | undefined): FollowSide | false {
  if (follow === undefined) return false;
  if (follow !== 'vs') return flag('follow', follow) && 'scenario';
  if (vs === undefined) throw bad('follow', follow, 'the link compares no scenario (no vs=) to follow');
  return 'vs';
}
