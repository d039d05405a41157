/**
 * The access path without provenance, for callers that want only the value (`read`, `write`): fuzzing
 * and property tests make millions of accesses. The same chunks, handlers and side effects as
 * configRead/configWrite (vfio_pci_config_rw's loop over vfio_config_do_rw), minus the per-chunk records, with each byte's
 * dispatch (its table and handlers, its offset in the capability, the room left in its dword) looked up
 * once per device: pci_config_map never changes after vfio_config_init, and the MSI table only when a
 * feature call replaces it.
 */
import { EFAULT, errnoError } from '../errors';
import { sizeMask } from '../util/bytes';
import { READERS, WRITERS } from './access';
import type { ReadFn, ReadTrace, WriteFn, WriteTrace } from './handlers/types';
import { alignedChunk, dispatch, remainingInDword } from './map';
import type { PermTable } from './perm/types';
import type { VfioState } from './state';

/** What an access to a byte calls: a table and its handlers. A device has a few dozen at most. */
interface Target {
  readonly read: ReadFn;
  readonly write: WriteFn | null;
  readonly perm: PermTable;
}

/**
 * Per byte, in typed arrays (16 KiB for 4096 bytes, where one object per byte cost a cache miss on
 * nearly every random access): which target, its offset in the capability, and
 * vfio_pci_cap_remaining_dword.
 */
export interface DispatchCache {
  readonly msiPerm: PermTable | null;
  readonly targets: Target[];
  /** 1 + index into `targets`; 0: not looked up yet. */
  readonly target: Uint16Array;
  readonly offset: Uint16Array;
  readonly remaining: Uint8Array;
}

/** The cache for this state; a feature call that replaced the MSI table starts a new one. */
export function dispatchCache(s: VfioState, c: DispatchCache | null): DispatchCache {
  if (c && c.msiPerm === s.msiPerm) return c;
  return {
    msiPerm: s.msiPerm,
    targets: [],
    target: new Uint16Array(s.cfgSize),
    offset: new Uint16Array(s.cfgSize),
    remaining: new Uint8Array(s.cfgSize),
  };
}

/** Looks the byte up (pci_config_map, its table): the first access to it. */
function resolve(c: DispatchCache, s: VfioState, pos: number): Target {
  const d = dispatch(s, pos);
  let i = c.targets.findIndex((t) => t.perm === d.perm);
  if (i < 0) {
    i = c.targets.length;
    c.targets.push({
      read: READERS[d.perm.read],
      write: d.perm.write ? WRITERS[d.perm.write] : null,
      perm: d.perm,
    });
  }
  c.offset[pos] = pos - d.capStart;
  c.remaining[pos] = remainingInDword(s, pos);
  c.target[pos] = i + 1;
  return c.targets[i];
}

/**
 * The handlers record where each chunk's bits came from or went; on this path nobody asks, so every
 * access hands them these two records (never read: the write one only accumulates bits).
 */
const UNREAD_READ_TRACE: ReadTrace = { hw: 0 };
const UNREAD_WRITE_TRACE: WriteTrace = { toVconfig: 0, toHardware: 0, ignoredByHardware: 0 };

function outside(s: VfioState, pos: number, count: number): never {
  throw errnoError(
    -EFAULT,
    `config access of ${count} byte(s) at 0x${pos.toString(16)} is outside the ${s.cfgSize}-byte config space`,
  );
}

export function fastRead(s: VfioState, c: DispatchCache, pos: number, count: number): number {
  if (pos < 0 || pos >= s.cfgSize || pos + count > s.cfgSize) outside(s, pos, count);
  let value = 0;
  for (let done = 0; done < count;) {
    const p = pos + done;
    const known = c.target[p];
    const t = known ? c.targets[known - 1] : resolve(c, s, p);
    const n = alignedChunk(p, Math.min(count - done, c.remaining[p]));
    // Chunks never overlap and an access is at most 4 bytes: OR-ing them in place is exact.
    value |= t.read(s, p, n, t.perm, c.offset[p], UNREAD_READ_TRACE) << (8 * done);
    done += n;
  }
  return value >>> 0;
}

export function fastWrite(s: VfioState, c: DispatchCache, pos: number, count: number, value: number): void {
  if (pos < 0 || pos >= s.cfgSize || pos + count > s.cfgSize) outside(s, pos, count);
  for (let done = 0; done < count;) {
    const p = pos + done;
    const known = c.target[p];
    const t = known ? c.targets[known - 1] : resolve(c, s, p);
    const n = alignedChunk(p, Math.min(count - done, c.remaining[p]));
    if (t.write)
      t.write(s, p, n, t.perm, c.offset[p], ((value >>> (8 * done)) & sizeMask(n)) >>> 0, UNREAD_WRITE_TRACE);
    done += n;
  }
}
