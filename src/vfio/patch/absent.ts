/**
 * Patch lines that cannot apply to this device because the table they edit is never consulted for it:
 * the per-device MSI table exists only when vfio_cap_init() met an MSI capability (vfio_msi_cap_len()
 * allocates vdev->msi_perm there), a cap_perms[]/ecap_perms[] entry only matters for a capability the
 * walk mapped, and PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 only sizes a version-2 PCIe capability that is not an
 * RC integrated endpoint (vfio_cap_len()). Each such group of lines becomes one warning of the patched
 * open, so a patch that changes nothing on a device says why instead of showing nothing.
 */
import {
  PCI_CAP_ID_EXP,
  PCI_EXP_FLAGS,
  PCI_EXP_TYPE_RC_END,
  pciePortType,
  pcieVersion,
} from '../../pci/caps/pcie';
import { EXTENDED_CAPS, STANDARD_CAPS } from '../../pci/registry';
import { pciFindCapability } from '../pci-core';
import type { VfioState } from '../state';
import type { PatchTable } from './vocabulary';

const linesWord = (lines: readonly number[]) =>
  lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;

/** Whether the capability walk mapped a capability with this ID (standard below 0x100, extended above). */
function mapped(s: VfioState, kind: 'cap' | 'ecap', id: number): boolean {
  const [from, to] = kind === 'cap' ? [0x40, Math.min(0x100, s.cfgSize)] : [0x100, s.cfgSize];
  for (let i = from; i < to; i++) if (s.map[i] === (id & 0xff)) return true;
  return false;
}

/** Why a table this device lacks is never consulted, or null when the device has it. */
function missing(s: VfioState, t: PatchTable): string | null {
  if (t.kind === 'basic') return null;
  if (t.kind === 'msi')
    return s.msiPerm ? null : 'this device has no MSI capability, so vfio-pci builds no MSI table for it';
  if (mapped(s, t.kind, t.id)) return null;
  const def = (t.kind === 'cap' ? STANDARD_CAPS : EXTENDED_CAPS).get(t.id);
  const what = def ? `${def.name} capability (${t.macro})` : `capability ${t.macro}`;
  if (t.kind === 'ecap' && s.cfgSize <= 0x100)
    return `this device's config space is ${s.cfgSize} bytes, with no room for an extended ${what}`;
  return `this device has no ${what} that vfio-pci maps`;
}

/** Why the PCIe size constant sizes nothing here (vfio_cap_len's PCI_CAP_ID_EXP case), or null. */
function sizeofUnused(s: VfioState): string | null {
  const pos = pciFindCapability(s.hw, PCI_CAP_ID_EXP);
  if (!pos) return 'this device has no PCI Express capability';
  const flags = s.hw.read(pos + PCI_EXP_FLAGS, 2);
  if (pcieVersion(flags) === 1)
    return "this device's PCI Express capability is version 1, sized by the V1 constants";
  if (pciePortType(flags) === PCI_EXP_TYPE_RC_END)
    return 'this device is a root complex integrated endpoint, sized by PCI_CAP_EXP_RC_ENDPOINT_SIZEOF_V2';
  return null;
}

/** Adds one warning per reason to the patched device's warnings; nothing without a patch. */
export function warnUnusedPatchLines(s: VfioState): void {
  const patch = s.kernel.permPatch?.patch;
  if (!patch) return;
  const byReason = new Map<string, number[]>();
  const add = (reason: string | null, line: number) => {
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), line]);
  };
  for (const e of patch.edits) add(missing(s, e.table), e.line);
  for (const l of patch.lengths) add(missing(s, l.table), l.line);
  const unused = patch.sizeofs.length ? sizeofUnused(s) : null;
  for (const z of patch.sizeofs) add(unused && `${unused}, so ${z.name} sizes nothing here`, z.line);
  for (const [reason, lines] of byReason) {
    const sorted = [...lines].sort((a, b) => a - b);
    const verb = sorted.length === 1 ? 'the line does' : 'the lines do';
    s.warnings.push(`patch "${patch.name}" ${linesWord(sorted)}: ${reason}; ${verb} not apply to it`);
  }
}
