/**
 * An explorer session: a device (its bytes), a kernel (src/vfio/kernel.ts) and an op-log of guest and
 * VMM writes and reads, feature calls and resets, replayed through the engine. Everything a UI shows comes from
 * here: the three views byte by byte with per-bit provenance, vfio's permissions, a twin with
 * PCI_MSI_NOVIRT applied so the patch can be shown as a diff, and, when asked, the same op-log replayed
 * on a second kernel so two kernels can be shown as a diff.
 */
import { EngineError } from '../errors';
import { decodeConfig, type DecodedConfig } from '../pci/decode';
import { buildFieldIndex, type FieldIndex } from '../pci/field-index';
import { QemuVfioPci } from '../qemu/config';
import type { QemuVersion } from '../qemu/version';
import { VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT, VFIO_DEVICE_FEATURE_SET } from '../vfio/constants';
import type { ReadDetail, VfioDevice, WriteDetail } from '../vfio/device';
import { createVfioDevice } from '../vfio/create-device';
import { kernelById, resolveKernel, type KernelId, type KernelVersion } from '../vfio/kernel';
import type { PermPatch } from '../vfio/patch/types';
import type { GuestRead, GuestWrite } from '../qemu/config';

export type SessionOp =
  | {
      readonly kind: 'write';
      readonly as: 'guest' | 'vmm';
      readonly offset: number;
      readonly size: 1 | 2 | 4;
      readonly value: number;
    }
  | {
      /** A config read: the guest's goes through QEMU (vfio_pci_read_config), the VMM's is a pread. */
      readonly kind: 'read';
      readonly as: 'guest' | 'vmm';
      readonly offset: number;
      readonly size: 1 | 2 | 4;
    }
  | { readonly kind: 'feature'; readonly flags: number; readonly argsz: number }
  | { readonly kind: 'reset' };

export type OpResult =
  | { readonly kind: 'write'; readonly as: 'guest'; readonly result: GuestWrite }
  | { readonly kind: 'write'; readonly as: 'vmm'; readonly result: WriteDetail }
  | { readonly kind: 'read'; readonly as: 'guest'; readonly result: GuestRead }
  | { readonly kind: 'read'; readonly as: 'vmm'; readonly result: ReadDetail }
  | { readonly kind: 'feature'; readonly ret: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'error'; readonly message: string };

/** Per-byte views of config space. Masks are per bit, stored byte by byte like the values. */
export interface Views {
  readonly guest: Uint8Array;
  readonly guestFromQemu: Uint8Array;
  readonly vmm: Uint8Array;
  readonly vmmFromVconfig: Uint8Array;
  readonly physical: Uint8Array;
}

export interface Session {
  readonly decoded: DecodedConfig;
  readonly fields: FieldIndex;
  readonly size: number;
  /** Null when vfio-pci would refuse the device; `refusal` says why. */
  readonly device: VfioDevice | null;
  readonly qemu: QemuVfioPci | null;
  readonly refusal: string | null;
  readonly results: readonly OpResult[];
  readonly views: Views;
  readonly perm: { readonly virt: Uint8Array; readonly write: Uint8Array };
  /**
   * The patch as a diff: a freshly opened device's permissions without and with VFIO_DEVICE_FEATURE SET
   * PCI_MSI_NOVIRT; null when the kernel lacks the RFC or the device has no MSI.
   */
  readonly novirtDiff: {
    readonly before: { readonly virt: Uint8Array; readonly write: Uint8Array };
    readonly after: { readonly virt: Uint8Array; readonly write: Uint8Array };
  } | null;
  /** The kernel the session runs on. */
  readonly kernel: KernelVersion;
  /**
   * Two kernels as a diff: the op-log replayed on `against` (before) and on this session's kernel (after);
   * null unless `compareKernel` was given and vfio-pci binds the device.
   */
  readonly kernelDiff: {
    readonly against: KernelVersion;
    readonly before: { readonly virt: Uint8Array; readonly write: Uint8Array };
    readonly after: { readonly virt: Uint8Array; readonly write: Uint8Array };
  } | null;
  /**
   * A what-if permission patch as a diff: the op-log replayed on this kernel (before: this session's
   * perm, results and views) and on the patched kernel (after); null unless `patch` was given and
   * vfio-pci binds the device.
   */
  readonly patchDiff: {
    readonly patch: PermPatch;
    readonly before: { readonly virt: Uint8Array; readonly write: Uint8Array };
    readonly after: { readonly virt: Uint8Array; readonly write: Uint8Array };
    /** Each op's result on the patched kernel, index for index with `results`. */
    readonly results: readonly OpResult[];
    readonly views: Views;
    /** What the patched open logged that the plain one did not (lines that do not apply here). */
    readonly warnings: readonly string[];
  } | null;
}

export interface SessionInput {
  readonly bytes: Uint8Array;
  /** Default `v6.11-rfc`. */
  readonly kernel?: KernelId;
  /** Older spelling: true is `v6.11-rfc`, false is `v6.11` (createVfioDevice's `rfc`). */
  readonly rfc?: boolean;
  /** A second kernel to replay the op-log on, for `kernelDiff`. */
  readonly compareKernel?: KernelId;
  /** The QEMU release on top (src/qemu/version.ts); default 9.1, the ath RFC's base. */
  readonly qemu?: QemuVersion;
  readonly ops: readonly SessionOp[];
  /** A permission patch (parsePermPatch) to replay the op-log under as well, for `patchDiff`. */
  readonly patch?: PermPatch;
  /** `decodeConfig(bytes)`, when the caller has it already (a page decodes a device once). */
  readonly decoded?: DecodedConfig;
}

const NOVIRT_SET = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT;

/** The device as vfio-pci opens it with QEMU on top, and a copy taken before QEMU or any op touched it. */
function open(bytes: Uint8Array, kernel: KernelId, version?: QemuVersion, patch?: PermPatch) {
  const device = createVfioDevice(bytes, patch ? { kernel, patch } : { kernel });
  const pristine = device.clone();
  return { device, qemu: new QemuVfioPci(device, { version }), pristine };
}

function apply(s: { device: VfioDevice; qemu: QemuVfioPci }, op: SessionOp): OpResult {
  try {
    if (op.kind === 'feature') return { kind: 'feature', ret: s.device.deviceFeature(op.flags, op.argsz) };
    if (op.kind === 'reset') return { kind: 'reset' };
    if (op.kind === 'read')
      return op.as === 'guest'
        ? { kind: 'read', as: 'guest', result: s.qemu.readConfig(op.offset, op.size) }
        : { kind: 'read', as: 'vmm', result: s.device.readDetailed(op.offset, op.size) };
    if (op.as === 'guest')
      return { kind: 'write', as: 'guest', result: s.qemu.writeConfig(op.offset, op.size, op.value) };
    return { kind: 'write', as: 'vmm', result: s.device.writeDetailed(op.offset, op.size, op.value) };
  } catch (e) {
    if (e instanceof EngineError) return { kind: 'error', message: e.message };
    throw e;
  }
}

/**
 * The VMM's view is one pread of the whole space (vfio splits it into the naturally aligned chunks a
 * driver's dword reads would make); the guest's merges QEMU's emulated bits over it.
 */
function snapshotViews(device: VfioDevice, qemu: QemuVfioPci): Views {
  const vmm = device.readBlock(0, device.cfgSize);
  const guest = qemu.guestView(vmm.bytes);
  const v = {
    guest: new Uint8Array(4096),
    guestFromQemu: new Uint8Array(4096),
    vmm: new Uint8Array(4096),
    vmmFromVconfig: new Uint8Array(4096),
    physical: device.physical.slice(),
  };
  v.vmm.set(vmm.bytes);
  v.vmmFromVconfig.set(vmm.fromVconfig);
  v.guest.set(guest.bytes);
  v.guestFromQemu.set(guest.fromQemu);
  return v;
}

/** The op-log replayed from a fresh open; a reset op opens the device again. */
function replay(
  bytes: Uint8Array,
  kernel: KernelId,
  ops: readonly SessionOp[],
  qemu?: QemuVersion,
  patch?: PermPatch,
) {
  let s = open(bytes, kernel, qemu, patch);
  const results: OpResult[] = [];
  for (const op of ops) {
    if (op.kind === 'reset') s = open(bytes, kernel, qemu, patch);
    results.push(apply(s, op));
  }
  return { s, results };
}

export function createSession(input: SessionInput): Session {
  const kernel = resolveKernel(input);
  const decoded = input.decoded ?? decodeConfig(input.bytes);
  const fields = buildFieldIndex(decoded);
  let run: ReturnType<typeof replay>;
  try {
    run = replay(input.bytes, kernel.id, input.ops, input.qemu);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const physical = new Uint8Array(4096);
    physical.set(input.bytes.subarray(0, 4096));
    const empty = new Uint8Array(4096);
    return {
      decoded,
      fields,
      size: Math.min(4096, input.bytes.length),
      device: null,
      qemu: null,
      refusal: e.message,
      results: input.ops.map(() => ({ kind: 'error', message: e.message })),
      views: { guest: empty, guestFromQemu: empty, vmm: empty, vmmFromVconfig: empty, physical },
      perm: { virt: empty, write: empty },
      novirtDiff: null,
      kernel,
      kernelDiff: null,
      patchDiff: null,
    };
  }
  const { s, results } = run;
  return {
    decoded,
    fields,
    size: s.device.cfgSize,
    device: s.device,
    qemu: s.qemu,
    refusal: null,
    results,
    views: snapshotViews(s.device, s.qemu),
    perm: s.device.perm,
    novirtDiff: novirtDiffOf(s.pristine),
    kernel,
    kernelDiff: input.compareKernel ? kernelDiffOf(input, s.device.perm) : null,
    patchDiff: input.patch ? patchDiffOf(input, input.patch, kernel.id, s.device) : null,
  };
}

/** A freshly opened device's tables, without and with NOVIRT (it is changed: pass a copy). */
function novirtDiffOf(fresh: VfioDevice): Session['novirtDiff'] {
  const before = fresh.perm;
  return fresh.deviceFeature(NOVIRT_SET, 8) === 0 ? { before, after: fresh.perm } : null;
}

/**
 * The session of a device something else has driven (a scenario at one of its steps): its views, masks
 * and NOVIRT diff as createSession gives them, with no op-log. `bytes` is what the device was opened with.
 * `against` is the same drive on another kernel (kernelDiff); `patched` the same drive on this kernel
 * with a permission patch (patchDiff).
 */
export function sessionOfDevice(p: {
  readonly bytes: Uint8Array;
  readonly device: VfioDevice;
  readonly qemu: QemuVfioPci;
  readonly decoded?: DecodedConfig;
  readonly against?: VfioDevice;
  readonly patched?: { readonly device: VfioDevice; readonly qemu: QemuVfioPci; readonly patch: PermPatch };
}): Session {
  const decoded = p.decoded ?? decodeConfig(p.bytes);
  const kernel = kernelById(p.device.state.kernel);
  const known = new Set(p.device.warnings);
  return {
    decoded,
    fields: buildFieldIndex(decoded),
    size: p.device.cfgSize,
    device: p.device,
    qemu: p.qemu,
    refusal: null,
    results: [],
    views: snapshotViews(p.device, p.qemu),
    perm: p.device.perm,
    novirtDiff: novirtDiffOf(createVfioDevice(p.bytes, { kernel: kernel.id, resources: p.device.resources })),
    kernel,
    kernelDiff: p.against
      ? { against: kernelById(p.against.state.kernel), before: p.against.perm, after: p.device.perm }
      : null,
    patchDiff: p.patched
      ? {
          patch: p.patched.patch,
          before: p.device.perm,
          after: p.patched.device.perm,
          results: [],
          views: snapshotViews(p.patched.device, p.patched.qemu),
          warnings: p.patched.device.warnings.filter((w) => !known.has(w)),
        }
      : null,
  };
}

/** The same bytes and op-log on the patched kernel; the patch changes only tables, so the device binds. */
function patchDiffOf(
  input: SessionInput,
  patch: PermPatch,
  kernel: KernelId,
  plain: VfioDevice,
): Session['patchDiff'] {
  const { s, results } = replay(input.bytes, kernel, input.ops, input.qemu, patch);
  const known = new Set(plain.warnings);
  return {
    patch,
    before: plain.perm,
    after: s.device.perm,
    results,
    views: snapshotViews(s.device, s.qemu),
    warnings: s.device.warnings.filter((w) => !known.has(w)),
  };
}

/** The same bytes and op-log on `compareKernel` (the device binds on every kernel, so this cannot throw). */
function kernelDiffOf(input: SessionInput, after: Session['perm']): Session['kernelDiff'] {
  const against = kernelById(input.compareKernel!);
  const { s } = replay(input.bytes, against.id, input.ops);
  return { against, before: s.device.perm, after };
}

/** The four permission classes the bitmap colours. */
export type PermClass = 'virt-write' | 'virt-ro' | 'hw-write' | 'hw-ro';

export function permClass(
  perm: { virt: Uint8Array; write: Uint8Array },
  offset: number,
  bit: number,
): PermClass {
  const v = (perm.virt[offset] >> bit) & 1;
  const w = (perm.write[offset] >> bit) & 1;
  return v ? (w ? 'virt-write' : 'virt-ro') : w ? 'hw-write' : 'hw-ro';
}
