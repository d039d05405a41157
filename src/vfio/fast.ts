/**
 * The access path without provenance, for callers that want only the value (`read`, `write`): fuzzing
 * and property tests make millions of accesses. The same chunks, handlers and side effects as
 * configRead/configWrite (vfio_config_do_rw's loop), minus the per-chunk records, with each byte's
 * dispatch (its table, handlers and capability start) looked up once per device: pci_config_map never
 * changes after vfio_config_init, and the MSI table only when a feature call replaces it.
 */
import { EFAULT, errnoError } from '../errors';
import { sizeMask } from '../util/bytes';
import { READERS, WRITERS } from './access';
import type { ReadFn, WriteFn, WriteTrace } from './handlers/types';
import { dispatch, remainingInDword } from './map';
import type { PermTable } from './perm/types';
import type { VfioState } from './state';

/** A byte's dispatch resolved to what an access calls: its handlers, its table, its offset in the capability. */
interface Resolved {
  readonly read: ReadFn;
  readonly write: WriteFn | null;
  readonly perm: PermTable;
  readonly offset: number;
}

export interface DispatchCache {
  readonly msiPerm: PermTable | null;
  readonly at: (Resolved | undefined)[];
  /** vfio_pci_cap_remaining_dword per byte (0: not computed yet). */
  readonly remaining: Uint8Array;
}

/** The cache for this state; a feature call that replaced the MSI table starts a new one. */
export function dispatchCache(s: VfioState, c: DispatchCache | null): DispatchCache {
  if (c && c.msiPerm === s.msiPerm) return c;
  return { msiPerm: s.msiPerm, at: new Array(s.cfgSize), remaining: new Uint8Array(s.cfgSize) };
}

function resolve(c: DispatchCache, s: VfioState, pos: number): Resolved {
  const d = dispatch(s, pos);
  const r = {
    read: READERS[d.perm.read],
    write: d.perm.write ? WRITERS[d.perm.write] : null,
    perm: d.perm,
    offset: pos - d.capStart,
  };
  c.at[pos] = r;
  return r;
}

/** 256^i: where the i-th byte of an access sits in its value. */
const SHIFT = [1, 0x100, 0x10000, 0x1000000];

function outside(s: VfioState, pos: number, count: number): never {
  throw errnoError(
    -EFAULT,
    `config access of ${count} byte(s) at 0x${pos.toString(16)} is outside the ${s.cfgSize}-byte config space`,
  );
}

/** The chunk at `pos` for `left` remaining bytes: naturally aligned, within the dword and the capability. */
function chunkAt(c: DispatchCache, s: VfioState, pos: number, left: number): number {
  const n = Math.min(left, (c.remaining[pos] ||= remainingInDword(s, pos)));
  if (n >= 4 && (pos & 3) === 0) return 4;
  if (n >= 2 && (pos & 1) === 0) return 2;
  return 1;
}

export function fastRead(s: VfioState, c: DispatchCache, pos: number, count: number): number {
  if (pos < 0 || pos >= s.cfgSize || pos + count > s.cfgSize) outside(s, pos, count);
  let value = 0;
  for (let done = 0; done < count;) {
    const p = pos + done;
    const n = chunkAt(c, s, p, count - done);
    const r = c.at[p] ?? resolve(c, s, p);
    value = (value + r.read(s, p, n, r.perm, r.offset).value * SHIFT[done]) >>> 0;
    done += n;
  }
  return value;
}

export function fastWrite(s: VfioState, c: DispatchCache, pos: number, count: number, value: number): void {
  if (pos < 0 || pos >= s.cfgSize || pos + count > s.cfgSize) outside(s, pos, count);
  // The handlers report where bits went; here nobody asks, so one record serves every chunk.
  const t: WriteTrace = { toVconfig: 0, toHardware: 0, ignoredByHardware: 0 };
  for (let done = 0; done < count;) {
    const p = pos + done;
    const n = chunkAt(c, s, p, count - done);
    const r = c.at[p] ?? resolve(c, s, p);
    const shift = SHIFT[done];
    done += n;
    if (r.write) r.write(s, p, n, r.perm, r.offset, (Math.floor(value / shift) & sizeMask(n)) >>> 0, t);
  }
}
