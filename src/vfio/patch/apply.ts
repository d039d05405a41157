/**
 * A permission patch applied to a kernel: the shared tables it edits rebuilt as data (cap_perms[],
 * ecap_perms[], the header), the per-device MSI edits kept for init_pci_cap_msi_perm time, lengths and
 * size constants replaced. The result is a KernelVersion like any other, so createVfioDevice, the
 * session and every view run on it unchanged.
 */
import { STANDARD_CAPS } from '../../pci/registry';
import { PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT, PCI_MSI_FLAGS_MASKBIT } from '../../pci/caps/msi';
import type { KernelVersion } from '../kernel';
import { capPerms, ecapPerms } from '../perm/tables';
import { buildTable, entry, type PermEntry, type PermTable } from '../perm/types';
import type { PermEdit, PermPatch } from './types';

/** What a kernel carries once patched; the engine looks tables and lengths up here first. */
export interface AppliedPermPatch {
  readonly patch: PermPatch;
  /** cap_perms[] replacements by ID (0: the header's basic table). */
  readonly cap: ReadonlyMap<number, PermTable>;
  readonly ecap: ReadonlyMap<number, PermTable>;
  readonly capLength: ReadonlyMap<number, number>;
  readonly ecapLength: ReadonlyMap<number, number>;
  /** Edits of the per-device MSI table, applied when vfio_msi_cap_len() builds it. */
  readonly msi: readonly PermEdit[];
}

const MSI_FLAG_BITS = { PCI_MSI_FLAGS_64BIT, PCI_MSI_FLAGS_MASKBIT } as const;
const hex = (v: number, size: number) => `0x${v.toString(16).padStart(2 * size, '0')}`;
const SETTERS = { 1: 'p_setb', 2: 'p_setw', 4: 'p_setd' } as const;

function patchedEntry(p: PermPatch, e: PermEdit): PermEntry {
  return entry(
    e.offset,
    e.size,
    e.virt,
    e.write,
    e.register,
    `Patched by "${p.name}" (line ${e.line}): ${SETTERS[e.size]} virt ${hex(e.virt, e.size)}, write ${hex(e.write, e.size)}.`,
  );
}

/**
 * A table with entries added in order after the kernel's (later p_set* calls win, as in the kernel);
 * the reasons list puts the patch's entries first so a byte's description names the change.
 */
export function withEntries(base: PermTable, added: readonly PermEntry[]): PermTable {
  const built = buildTable({ ...base, entries: [...base.entries, ...added] });
  const covered = (e: PermEntry) =>
    added.some((a) => e.offset >= a.offset && e.offset + e.size <= a.offset + a.size);
  return { ...built, entries: [...[...added].reverse(), ...base.entries.filter((e) => !covered(e))] };
}

function sharedTables(p: PermPatch, kind: 'cap' | 'ecap'): Map<number, PermTable> {
  const byId = new Map<number, PermEdit[]>();
  for (const e of p.edits) {
    const id = e.table.kind === 'basic' ? 0 : e.table.kind === kind ? e.table.id : null;
    if (id === null || (kind === 'ecap' && e.table.kind === 'basic')) continue;
    byId.set(id, [...(byId.get(id) ?? []), e]);
  }
  const lookup = kind === 'cap' ? capPerms : ecapPerms;
  return new Map(
    [...byId].map(([id, edits]) => [
      id,
      withEntries(
        lookup(id),
        edits.map((e) => patchedEntry(p, e)),
      ),
    ]),
  );
}

/** The kernel with the patch applied: same ID and rules, the patch's tables, lengths and sizes. */
export function patchKernel(k: KernelVersion, p: PermPatch): KernelVersion {
  const sizeof = p.sizeofs.at(-1);
  const lengths = (kind: 'cap' | 'ecap') =>
    new Map(p.lengths.filter((l) => l.table.kind === kind).map((l) => [l.table.id, l.length]));
  const applied: AppliedPermPatch = {
    patch: p,
    cap: sharedTables(p, 'cap'),
    ecap: sharedTables(p, 'ecap'),
    capLength: lengths('cap'),
    ecapLength: lengths('ecap'),
    msi: p.edits.filter((e) => e.table.kind === 'msi'),
  };
  return {
    ...k,
    label: `${k.label} + ${p.name}`,
    ...(sizeof
      ? {
          expEndpointSizeofV2: sizeof.value,
          expEndpointSizeofV2Commit: {
            hash: null,
            subject: `patch "${p.name}", line ${sizeof.line}`,
            release: 'a what-if patch',
          },
        }
      : {}),
    permPatch: applied,
  };
}

/** The MSI registers of a device with these flags, by name (the decoder's layout). */
function msiLayout(flags: number): ReadonlyMap<string, number> {
  const u = () => 0;
  const view = { u8: u, u16: (o: number) => (o === PCI_MSI_FLAGS ? flags : 0), u32: u, linkWidth: 1 };
  const regs = STANDARD_CAPS.get(0x05)!.registers(view);
  return new Map([
    ['PCI_CAP_LIST_ID', 0],
    ['PCI_CAP_LIST_NEXT', 1],
    ...regs.map((r) => [r.name, r.offset] as const),
  ]);
}

/**
 * init_pci_cap_msi_perm() followed by the patch's msi lines. A named register this device's layout lacks
 * (PCI_MSI_DATA_32 on a 64-bit capability, …) is the kernel's `if (flags & PCI_MSI_FLAGS_64BIT)`: the line
 * does not apply here, and a warning says so.
 */
export function patchMsiTable(
  table: PermTable,
  flags: number,
  a: AppliedPermPatch,
  warn: (msg: string) => void,
): PermTable {
  const layout = msiLayout(flags);
  const kind = `${flags & PCI_MSI_FLAGS_64BIT ? '64' : '32'}-bit`;
  const added: PermEntry[] = [];
  for (const e of a.msi) {
    if (e.when && ((flags & MSI_FLAG_BITS[e.when.flag]) !== 0) !== e.when.set) continue; // its `if` is false here
    if (e.named && layout.get(e.register) !== e.offset) {
      warn(
        `patch "${a.patch.name}" line ${e.line}: this ${kind} MSI capability has no ${e.register}; the line does not apply to it`,
      );
      continue;
    }
    if (e.offset + e.size > table.size) {
      warn(
        `patch "${a.patch.name}" line ${e.line}: ${e.register} is past this MSI capability's ${table.size}-byte table; the line does not apply to it`,
      );
      continue;
    }
    added.push(patchedEntry(a.patch, e));
  }
  return added.length ? withEntries(table, added) : table;
}
