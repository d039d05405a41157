/** Dispatch by pci_config_map: which table and handlers serve a byte (vfio_config_do_rw, vfio_find_cap_start). */
import { PCI_CAP_ID_INVALID, PCI_CAP_ID_INVALID_VIRT, PCI_EXT_CAP_ID_MAX } from './constants';
import { PCI_CAP_ID_MSI } from '../pci/caps/msi';
import { capPerms, DIRECT_RO, ecapPerms, UNASSIGNED, VIRT } from './perm/tables';
import type { PermTable } from './perm/types';
import type { VfioState } from './state';

/** Walk back while the map value stays the same; stops at 0x40 (standard) or 0x100 (extended). */
export function findCapStart(s: VfioState, pos: number): number {
  const cap = s.map[pos];
  if (cap === 0) return 0;
  const base = pos >= 256 ? 256 : 64;
  while (pos - 1 >= base && s.map[pos - 1] === cap) pos--;
  return pos;
}

export interface Dispatch {
  readonly perm: PermTable;
  readonly capStart: number;
  readonly capId: number;
}

export function dispatch(s: VfioState, pos: number): Dispatch {
  const id = s.map[pos];
  if (id === PCI_CAP_ID_INVALID) return { perm: UNASSIGNED, capStart: pos, capId: id };
  if (id === PCI_CAP_ID_INVALID_VIRT) return { perm: VIRT, capStart: pos, capId: id };
  if (pos >= 256) {
    // A hidden unknown first extended cap keeps its (truncated) ID in the map: v6.13's direct_ro_perms.
    const perm = id > PCI_EXT_CAP_ID_MAX ? DIRECT_RO : (s.kernel.permPatch?.ecap.get(id) ?? ecapPerms(id));
    return { perm, capStart: findCapStart(s, pos), capId: id };
  }
  const perm =
    id === PCI_CAP_ID_MSI && s.msiPerm ? s.msiPerm : (s.kernel.permPatch?.cap.get(id) ?? capPerms(id));
  return { perm, capStart: id > 0 ? findCapStart(s, pos) : 0, capId: id };
}

/**
 * Where the run of bytes from `pos` sharing its map value ends, at most `limit`. Runs also end at 0x100,
 * where the extended capability tables take over.
 */
export function mapRunEnd(s: VfioState, pos: number, limit: number): number {
  let end = pos + 1;
  while (end < limit && end !== 256 && s.map[end] === s.map[pos]) end++;
  return end;
}

/** vfio_pci_cap_remaining_dword(): bytes up to the next dword boundary that share pos's map value. */
export function remainingInDword(s: VfioState, pos: number): number {
  const cap = s.map[pos];
  let i = 1;
  while ((pos + i) % 4 && s.map[pos + i] === cap) i++;
  return i;
}

/**
 * vfio_config_do_rw's chunk at `pos` when `available` bytes may go in one (what is left of the access,
 * cut at the dword and capability edge): 4 or 2 where `pos` is aligned for it, else 1.
 */
export function alignedChunk(pos: number, available: number): number {
  if (available >= 4 && (pos & 3) === 0) return 4;
  if (available >= 2 && (pos & 1) === 0) return 2;
  return 1;
}
