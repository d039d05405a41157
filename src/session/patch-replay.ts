/**
 * The op-log on two kernels, op by op: what each write's bits did and what each read returned on the
 * session's kernel and on the patched one (`Session.patchDiff`), the bits whose route changed, and one
 * sentence per op generated from those numbers. The consequence of a permission patch, not its masks.
 */
import { errnoName } from '../errors';
import type { FieldIndex } from '../pci/field-index';
import { popcount } from '../util/bytes';
import type { OpResult, Session, SessionOp } from './session';

/** Where one written bit went, or where one read bit came from. */
export type BitRoute = 'qemu' | 'vconfig' | 'hardware' | 'vconfig+hardware' | 'dropped';

/** One op's result on one kernel, as masks of the op's own width (bit 0 = the lowest byte's bit 0). */
export type OpOutcome =
  | {
      readonly kind: 'write';
      /** Bits of QEMU's copy the guest's write changed (0 for the VMM's). */
      readonly toQemu: number;
      readonly toVconfig: number;
      readonly toHardware: number;
      readonly dropped: number;
    }
  | {
      readonly kind: 'read';
      readonly value: number;
      readonly fromQemu: number;
      readonly fromVconfig: number;
      readonly fromHardware: number;
    }
  | { readonly kind: 'feature'; readonly ret: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'error'; readonly message: string };

export interface ReplayRow {
  readonly index: number;
  readonly op: SessionOp;
  /** The pci_regs.h name at the op's offset ("PCI_MSI_ADDRESS_LO", "PCI_COMMAND+1"), null for other ops. */
  readonly register: string | null;
  readonly before: OpOutcome;
  readonly after: OpOutcome;
  /** Bits (op width) whose route differs: written to / read from somewhere else with the patch. */
  readonly moved: number;
  /** Reads: bits whose value differs; 0 otherwise. */
  readonly valueChanged: number;
  /** Whether anything about this op differs between the two kernels. */
  readonly differs: boolean;
  /** Each side in one line ("32 bits to vconfig", "0xfee00578: 32 bits from the hardware"). */
  readonly beforeLine: string;
  readonly afterLine: string;
  /** What the patch changes for this op, or that nothing does. */
  readonly sentence: string;
}

const hex = (v: number, size: number) => `0x${(v >>> 0).toString(16).padStart(size * 2, '0')}`;
const bitsWord = (n: number) => `${n} bit${n === 1 ? '' : 's'}`;

export function outcomeOf(r: OpResult): OpOutcome {
  if (r.kind === 'write') {
    const d = r.as === 'guest' ? r.result.vfio : r.result;
    return {
      kind: 'write',
      toQemu: r.as === 'guest' ? r.result.qemuChanged : 0,
      toVconfig: d.toVconfig,
      toHardware: d.toHardware,
      dropped: d.dropped,
    };
  }
  if (r.kind === 'read') {
    const d = r.result;
    return {
      kind: 'read',
      value: d.value,
      fromQemu: r.as === 'guest' ? r.result.fromQemu : 0,
      fromVconfig: d.fromVconfig,
      fromHardware: d.fromHardware,
    };
  }
  return r;
}

/**
 * Where bit `bit` of a write went in vfio, or where a read's bit came from. QEMU's copy is the same code on
 * both kernels, so a guest write's QEMU part is kept apart (`toQemu`) and compared on its own.
 */
export function routeOf(o: OpOutcome, bit: number): BitRoute | 'none' {
  const has = (m: number) => Math.floor(m / 2 ** bit) % 2 === 1;
  if (o.kind === 'write') {
    // vfio_default_config_write stores virt bits in vconfig and sends the other writable ones to the
    // device; some handlers (vfio_msi_config_write's flags) also pass a stored bit on to the device.
    if (has(o.toVconfig) && has(o.toHardware)) return 'vconfig+hardware';
    if (has(o.toVconfig)) return 'vconfig';
    if (has(o.toHardware)) return 'hardware';
    if (has(o.dropped)) return 'dropped';
  } else if (o.kind === 'read') {
    if (has(o.fromQemu)) return 'qemu';
    if (has(o.fromVconfig)) return 'vconfig';
    if (has(o.fromHardware)) return 'hardware';
  }
  return 'none';
}

const PLACE: Record<BitRoute | 'none', string> = {
  qemu: "QEMU's copy",
  vconfig: 'vconfig',
  hardware: 'the hardware',
  'vconfig+hardware': 'vconfig and the hardware',
  dropped: 'nowhere',
  none: 'nowhere',
};

/** "30 bits go to the hardware instead of vconfig", "32 bits are dropped instead of going to vconfig". */
function movedPhrases(before: OpOutcome, after: OpOutcome, size: number): string[] {
  const pairs = new Map<string, number>();
  for (let b = 0; b < size * 8; b++) {
    const key = `${routeOf(after, b)}|${routeOf(before, b)}`;
    if (routeOf(after, b) !== routeOf(before, b)) pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  return [...pairs].map(([key, n]) => {
    const [to, from] = key.split('|') as (BitRoute | 'none')[];
    const bits = bitsWord(n);
    if (before.kind === 'read') return `${bits} come from ${PLACE[to]} instead of ${PLACE[from]}`;
    if (to === 'dropped')
      return `${bits} ${n === 1 ? 'is' : 'are'} dropped instead of going to ${PLACE[from]}`;
    if (from === 'dropped') return `${bits} go to ${PLACE[to]} instead of being dropped`;
    return `${bits} go to ${PLACE[to]} instead of ${PLACE[from]}`;
  });
}

function routeMask(before: OpOutcome, after: OpOutcome, size: number): number {
  let m = 0;
  for (let b = 0; b < size * 8; b++) if (routeOf(before, b) !== routeOf(after, b)) m += 2 ** b;
  return m;
}

const who = (op: Extract<SessionOp, { kind: 'write' | 'read' }>) => (op.as === 'guest' ? 'guest' : 'VMM');

/** The label of the op's register: its field's name, with the byte within it when the op starts inside. */
function registerAt(fields: FieldIndex, offset: number): string {
  const loc = fields.at(offset);
  if (!loc) return hex(offset, 2);
  const within = offset - loc.field.offset;
  return within ? `${loc.field.name}+${within}` : loc.field.name;
}

function sentenceOf(op: SessionOp, register: string | null, row: Omit<ReplayRow, 'sentence'>): string {
  const { before, after } = row;
  if (before.kind === 'error' || after.kind === 'error') {
    if (before.kind === 'error' && after.kind === 'error')
      return before.message === after.message
        ? `Refused on both kernels: ${after.message}`
        : `Refused on both kernels, with the patch: ${after.message}`;
    return after.kind === 'error'
      ? `Refused with the patch: ${after.message}`
      : `Refused without the patch (${(before as { message: string }).message}); the patched kernel takes it.`;
  }
  if (op.kind === 'feature' && before.kind === 'feature' && after.kind === 'feature')
    return before.ret === after.ret
      ? `VFIO_DEVICE_FEATURE returns ${errnoName(after.ret)} on both kernels.`
      : `VFIO_DEVICE_FEATURE returns ${errnoName(after.ret)} with the patch instead of ${errnoName(before.ret)}.`;
  if (op.kind === 'reset') return 'Both kernels re-open the device and QEMU starts afresh.';
  if (op.kind === 'write' && before.kind === 'write' && after.kind === 'write') {
    const what = `the ${who(op)}'s write of ${hex(op.value, op.size)} to ${register}`;
    const qemu =
      before.toQemu === after.toQemu
        ? ''
        : ` QEMU's copy changes in bits ${hex(after.toQemu, op.size)} instead of ${hex(before.toQemu, op.size)}.`;
    if (!row.moved) return `Every bit of ${what} goes where it went without the patch.${qemu}`;
    return `With the patch, of ${what}: ${movedPhrases(before, after, op.size).join('; ')}.${qemu}`;
  }
  if (op.kind === 'read' && before.kind === 'read' && after.kind === 'read') {
    const value = row.valueChanged
      ? `With the patch the ${who(op)} reads ${hex(after.value, op.size)} from ${register} instead of ${hex(before.value, op.size)} (${bitsWord(popcount(row.valueChanged))} differ)`
      : `The ${who(op)} reads ${hex(after.value, op.size)} from ${register} on both kernels`;
    if (!row.moved) return `${value}, from the same places.`;
    return `${value}: ${movedPhrases(before, after, op.size).join('; ')}.`;
  }
  return 'The op gives a different kind of result with the patch.';
}

/** One side of a row: where the bits went or came from, counted per route, and what a read returned. */
export function outcomeLine(o: OpOutcome, size: number): string {
  if (o.kind === 'feature') return `returns ${errnoName(o.ret)}`;
  if (o.kind === 'reset') return 'device re-opened, QEMU afresh';
  if (o.kind === 'error') return o.message;
  const counts = new Map<BitRoute | 'none', number>();
  for (let b = 0; b < size * 8; b++) counts.set(routeOf(o, b), (counts.get(routeOf(o, b)) ?? 0) + 1);
  const parts = [...counts].map(([route, n]) =>
    o.kind === 'read'
      ? `${bitsWord(n)} from ${PLACE[route]}`
      : route === 'dropped'
        ? `${bitsWord(n)} dropped`
        : `${bitsWord(n)} to ${PLACE[route]}`,
  );
  if (o.kind === 'read') return `${hex(o.value, size)}: ${parts.join(', ')}`;
  const qemu = o.toQemu ? `; QEMU's copy: ${bitsWord(popcount(o.toQemu))} changed` : '';
  return `${parts.join(', ')}${qemu}`;
}

/** Outcomes whose routes agree may still differ in kind, errno or refusal. */
function sameOutcome(a: OpOutcome, b: OpOutcome): boolean {
  if (a.kind === 'feature' && b.kind === 'feature') return a.ret === b.ret;
  if (a.kind === 'error' && b.kind === 'error') return a.message === b.message;
  if (a.kind === 'write' && b.kind === 'write') return a.toQemu === b.toQemu;
  return a.kind === b.kind;
}

/**
 * The session's op-log replayed on both kernels, row by row; null unless the session was made with a
 * patch (`createSession({ patch })`) and vfio-pci binds the device.
 */
export function patchReplay(session: Session, ops: readonly SessionOp[]): ReplayRow[] | null {
  const diff = session.patchDiff;
  if (!diff) return null;
  return ops.map((op, index) => {
    const before = outcomeOf(session.results[index]);
    const after = outcomeOf(diff.results[index]);
    const access = op.kind === 'write' || op.kind === 'read';
    const register = access ? registerAt(session.fields, op.offset) : null;
    const size = access ? op.size : 0;
    const moved = routeMask(before, after, size);
    const valueChanged =
      before.kind === 'read' && after.kind === 'read' ? (before.value ^ after.value) >>> 0 : 0;
    const differs = moved !== 0 || valueChanged !== 0 || !sameOutcome(before, after);
    const lines = { beforeLine: outcomeLine(before, size), afterLine: outcomeLine(after, size) };
    const row = { index, op, register, before, after, moved, valueChanged, differs, ...lines };
    return { ...row, sentence: sentenceOf(op, register, row) };
  });
}
