/**
 * What a permission patch changes on one device: every bit whose virt or write class differs between the
 * kernel and the patched kernel, grouped by the decoded register that holds it, and sentences generated
 * from those numbers ("32 bits stop being virtualized in PCI_MSI_ADDRESS_LO").
 */
import { EngineError } from '../../errors';
import { decodeConfig } from '../../pci/decode';
import { buildFieldIndex } from '../../pci/field-index';
import { createVfioDevice, type VfioDeviceOptions } from '../create-device';
import type { PermPatch } from './types';
import { popcount, readLE as le } from '../../util/bytes';

export interface PermBits {
  readonly virt: Uint8Array;
  readonly write: Uint8Array;
}

/** One bit whose class changes. */
export interface BitChange {
  readonly offset: number;
  /** 0–7 within the byte. */
  readonly bit: number;
  readonly register: string;
  readonly before: { readonly virt: boolean; readonly write: boolean };
  readonly after: { readonly virt: boolean; readonly write: boolean };
}

/** The changes in one register, as masks of the register's own width (bit 0 = its lowest bit). */
export interface RegisterChange {
  readonly register: string;
  /** 'Header' or the capability's name. */
  readonly structure: string;
  readonly offset: number;
  readonly size: number;
  readonly virtBefore: number;
  readonly virtAfter: number;
  readonly writeBefore: number;
  readonly writeAfter: number;
  /** Bits that stop / start being virtualized, and stop / start being writable. */
  readonly unvirtualized: number;
  readonly virtualized: number;
  readonly unwritable: number;
  readonly writable: number;
}

export interface PermDiff {
  readonly bits: readonly BitChange[];
  readonly registers: readonly RegisterChange[];
  /** One sentence per register with changes, then a total; "No bit changes class." when empty. */
  readonly summary: readonly string[];
}

const bitsWord = (n: number) => `${n} bit${n === 1 ? '' : 's'}`;

/** "32 bits stop being virtualized and 32 bits stop being writable in PCI_MSI_ADDRESS_LO". */
export function describeRegisterChange(r: RegisterChange): string {
  const parts = [
    [r.unvirtualized, 'stop being virtualized'],
    [r.virtualized, 'become virtualized'],
    [r.unwritable, 'stop being writable'],
    [r.writable, 'become writable'],
  ]
    .filter(([n]) => n)
    .map(([n, what]) => `${bitsWord(popcount(n as number))} ${what as string}`);
  return `${parts.join(', ')} in ${r.register} (${r.structure}, 0x${r.offset.toString(16)})`;
}

/** The diff of two permission maps of one device (`bytes` names the registers). */
export function diffPermBits(
  bytes: Uint8Array,
  cfgSize: number,
  before: PermBits,
  after: PermBits,
): PermDiff {
  const index = buildFieldIndex(decodeConfig(bytes.subarray(0, cfgSize)));
  const bits: BitChange[] = [];
  const byRegister = new Map<number, { register: string; structure: string; offset: number; size: number }>();
  for (let off = 0; off < cfgSize; off++) {
    const dv = before.virt[off] ^ after.virt[off];
    const dw = before.write[off] ^ after.write[off];
    if (!(dv | dw)) continue;
    const loc = index.at(off);
    const reg = loc
      ? { register: loc.field.name, structure: loc.structure, offset: loc.field.offset, size: loc.field.size }
      : { register: `0x${off.toString(16)}`, structure: 'undecoded', offset: off, size: 1 };
    byRegister.set(reg.offset, reg);
    for (let b = 0; b < 8; b++) {
      if (!(((dv | dw) >> b) & 1)) continue;
      const cls = (p: PermBits) => ({
        virt: ((p.virt[off] >> b) & 1) === 1,
        write: ((p.write[off] >> b) & 1) === 1,
      });
      bits.push({ offset: off, bit: b, register: reg.register, before: cls(before), after: cls(after) });
    }
  }
  const registers = [...byRegister.values()].map((r): RegisterChange => {
    const vb = le(before.virt, r.offset, r.size);
    const va = le(after.virt, r.offset, r.size);
    const wb = le(before.write, r.offset, r.size);
    const wa = le(after.write, r.offset, r.size);
    return {
      ...r,
      virtBefore: vb,
      virtAfter: va,
      writeBefore: wb,
      writeAfter: wa,
      unvirtualized: (vb & ~va) >>> 0,
      virtualized: (va & ~vb) >>> 0,
      unwritable: (wb & ~wa) >>> 0,
      writable: (wa & ~wb) >>> 0,
    };
  });
  const summary = registers.map(describeRegisterChange);
  summary.push(
    bits.length
      ? `${bitsWord(bits.length)} change class in ${registers.length} register${registers.length === 1 ? '' : 's'}.`
      : 'No bit changes class.',
  );
  return { bits, registers, summary };
}

/**
 * What to say when a patch changes no bit on a device, instead of a bare nothing: the lines that do not
 * apply are the warnings (absent tables, layouts without the register); the others set the classes the
 * bits already have. A dump shorter than config space hides every capability past its end, which is the
 * usual reason on a 64-byte `lspci -x` dump (its capability list is not in it).
 */
export function unchangedSummary(known: number, cfgSize: number, warnings: readonly string[]): string[] {
  const out: string[] = [];
  if (known < cfgSize)
    out.push(
      `Only the first ${known} of its ${cfgSize} bytes are known (the dump ends at 0x${known.toString(16)}; the rest read as 0), so no capability past them is seen: on the real device the patch may change more.`,
    );
  // Last, like the total line of a patch that changes something.
  out.push(
    warnings.length
      ? 'No bit changes class on this device: the lines named below do not apply to it, and any other line gives its bits the classes they already have.'
      : 'No bit changes class on this device: every line that applies here gives its bits the classes they already have.',
  );
  return out;
}

/** The device on its kernel and on the kernel with `patch`, and what differs; warnings of the patched open. */
export function diffPatch(
  bytes: Uint8Array,
  patch: PermPatch,
  options: Omit<VfioDeviceOptions, 'patch'> = {},
): PermDiff & { readonly warnings: readonly string[] } {
  const before = createVfioDevice(bytes, options);
  const after = createVfioDevice(bytes, { ...options, patch });
  const fresh = new Set(before.warnings);
  const diff = diffPermBits(before.physical, before.cfgSize, before.perm, after.perm);
  const warnings = after.warnings.filter((w) => !fresh.has(w));
  const summary = diff.bits.length ? diff.summary : unchangedSummary(bytes.length, before.cfgSize, warnings);
  return { ...diff, summary, warnings };
}

export interface PatchReach {
  readonly id: string;
  /** Bits whose class changes; 0: the patch does not touch this device. */
  readonly bits: number;
  readonly registers: readonly string[];
  /** Why vfio-pci would not bind the device (so nothing can change), or null. */
  readonly refusal: string | null;
}

/** Which of these devices (presets, imported dumps) the patch touches at all, and how much. */
export function patchReach(
  devices: readonly { readonly id: string; readonly bytes: Uint8Array }[],
  patch: PermPatch,
  options: Omit<VfioDeviceOptions, 'patch'> = {},
): PatchReach[] {
  return devices.map(({ id, bytes }) => {
    try {
      const d = diffPatch(bytes, patch, options);
      return { id, bits: d.bits.length, registers: d.registers.map((r) => r.register), refusal: null };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { id, bits: 0, registers: [], refusal: e.message };
    }
  });
}
