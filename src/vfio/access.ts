/**
 * vfio_pci_config_rw / vfio_config_do_rw: range check on the whole access, then naturally aligned chunks
 * that never cross a dword or a capability boundary, each dispatched to its capability's handler.
 * Returns the value with per-bit provenance (reads) or where each bit went (writes).
 */
import { EFAULT, errnoError } from '../errors';
import { sizeMask, writeLE } from '../util/bytes';
import {
  defaultRead,
  defaultWrite,
  directRead,
  rawRead,
  rawWrite,
  virtRead,
  virtWrite,
} from './handlers/generic';
import { afWrite, expWrite, pmWrite, vpdWrite } from './handlers/capabilities';
import { basicRead, basicWrite } from './handlers/header';
import { msiRead, msiWrite } from './handlers/msi';
import type { ReadFn, ReadTrace, WriteFn, WriteTrace } from './handlers/types';
import { ignoresOffset, type ReadHandler, type WriteHandler } from './perm/types';
import { alignedChunk, dispatch, mapRunEnd, remainingInDword } from './map';
import type { VfioState } from './state';

export const READERS: Record<ReadHandler, ReadFn> = {
  default: defaultRead,
  direct: directRead,
  raw: rawRead,
  virt: virtRead,
  basic: basicRead,
  msi: msiRead,
};

export const WRITERS: Record<Exclude<WriteHandler, null>, WriteFn> = {
  default: defaultWrite,
  raw: rawWrite,
  virt: virtWrite,
  basic: basicWrite,
  pm: pmWrite,
  vpd: vpdWrite,
  exp: expWrite,
  af: afWrite,
  msi: msiWrite,
};

export interface Chunk {
  readonly pos: number;
  readonly count: number;
  readonly capId: number;
  readonly capStart: number;
  readonly read: ReadHandler;
  readonly write: WriteHandler;
}

export interface RawRead {
  value: number;
  fromHardware: number;
  chunks: Chunk[];
}

export interface RawWrite extends WriteTrace {
  chunks: Chunk[];
}

function rangeCheck(s: VfioState, pos: number, count: number): void {
  if (pos < 0 || pos >= s.cfgSize || pos + count > s.cfgSize) {
    throw errnoError(
      -EFAULT,
      `config access of ${count} byte(s) at 0x${pos.toString(16)} is outside the ${s.cfgSize}-byte config space`,
    );
  }
}

interface Step {
  readonly pos: number;
  readonly count: number;
  /** 256^(bytes already done): where this chunk's bits sit in the access value. */
  readonly shift: number;
  readonly d: ReturnType<typeof dispatch>;
  readonly chunk: Chunk;
}

/** The next chunk of an access; the range check covers the whole remaining access, as the kernel's does. */
function planChunk(s: VfioState, pos: number, remaining: number, done: number): Step {
  rangeCheck(s, pos, remaining);
  const n = alignedChunk(pos, Math.min(remaining, remainingInDword(s, pos)));
  const d = dispatch(s, pos);
  const chunk = {
    pos,
    count: n,
    capId: d.capId,
    capStart: d.capStart,
    read: d.perm.read,
    write: d.perm.write,
  };
  return { pos, count: n, shift: 2 ** (8 * done), d, chunk };
}

export function configRead(s: VfioState, pos: number, count: number): RawRead {
  const out: RawRead = { value: 0, fromHardware: 0, chunks: [] };
  const t: ReadTrace = { hw: 0 };
  for (let done = 0; done < count;) {
    const { pos: p, count: n, shift, d, chunk } = planChunk(s, pos + done, count - done, done);
    const value = READERS[d.perm.read](s, p, n, d.perm, p - d.capStart, t);
    out.value = (out.value + value * shift) >>> 0;
    out.fromHardware = (out.fromHardware + t.hw * shift) >>> 0;
    out.chunks.push(chunk);
    done += n;
  }
  return out;
}

/**
 * vfio_raw_config_read and vfio_virt_config_read return the device's or vconfig's bytes whatever the
 * chunk, so a run of bytes under one map value read by either (unassigned space, virt_perms) is copied
 * whole: what its chunks would return one by one, without ~1000 dispatches for an empty extended space.
 * Returns the bytes copied (0 for any other handler).
 */
function copyPlainRun(
  s: VfioState,
  read: ReadHandler,
  pos: number,
  end: number,
  bytes: Uint8Array,
  fromVconfig: Uint8Array,
): number {
  if (!ignoresOffset(read)) return 0;
  const runEnd = mapRunEnd(s, pos, end);
  if (read === 'raw') bytes.set(s.hw.bytes.subarray(pos, runEnd));
  else {
    bytes.set(s.vconfig.subarray(pos, runEnd));
    fromVconfig.fill(0xff, 0, runEnd - pos);
  }
  return runEnd - pos;
}

/** What a block read returns: the bytes, and per bit whether it came from vconfig (1) or the device (0). */
export interface BlockRead {
  readonly bytes: Uint8Array;
  readonly fromVconfig: Uint8Array;
}

/**
 * One pread of `count` bytes, as QEMU reads the whole config space at realize: vfio_pci_config_rw loops
 * over the same naturally aligned chunks as single reads would, so every handler and quirk applies; only
 * the per-access bookkeeping is left out.
 */
export function configReadBlock(s: VfioState, pos: number, count: number): BlockRead {
  // vfio_pci_config_rw calls vfio_config_do_rw once per chunk with what is left of the pread, and each
  // call first checks that whole rest against cfg_size (-EFAULT). The first call's check covers every
  // later one, so it decides the pread: made here before allocating, a hostile length costs nothing. A
  // pread of 0 bytes never enters the loop: it returns 0 at any offset, with no check at all.
  if (count === 0) return { bytes: new Uint8Array(0), fromVconfig: new Uint8Array(0) };
  rangeCheck(s, pos, count);
  const bytes = new Uint8Array(count);
  const fromVconfig = new Uint8Array(count);
  const t: ReadTrace = { hw: 0 };
  for (let done = 0; done < count;) {
    const { pos: p, count: n, d } = planChunk(s, pos + done, count - done, done);
    const copied = copyPlainRun(
      s,
      d.perm.read,
      p,
      pos + count,
      bytes.subarray(done),
      fromVconfig.subarray(done),
    );
    if (copied) {
      done += copied;
      continue;
    }
    writeLE(bytes, done, n, READERS[d.perm.read](s, p, n, d.perm, p - d.capStart, t));
    writeLE(fromVconfig, done, n, ~t.hw & sizeMask(n));
    done += n;
  }
  return { bytes, fromVconfig };
}

export function configWrite(s: VfioState, pos: number, count: number, value: number): RawWrite {
  const out: RawWrite = { toVconfig: 0, toHardware: 0, ignoredByHardware: 0, chunks: [] };
  for (let done = 0; done < count;) {
    const { pos: p, count: n, shift, d, chunk } = planChunk(s, pos + done, count - done, done);
    out.chunks.push(chunk);
    done += n;
    if (!d.perm.write) continue; // no write handler: the chunk is silently accepted
    const t: WriteTrace = { toVconfig: 0, toHardware: 0, ignoredByHardware: 0 };
    WRITERS[d.perm.write](
      s,
      p,
      n,
      d.perm,
      p - d.capStart,
      (Math.floor(value / shift) & sizeMask(n)) >>> 0,
      t,
    );
    out.toVconfig = (out.toVconfig + t.toVconfig * shift) >>> 0;
    out.toHardware = (out.toHardware + t.toHardware * shift) >>> 0;
    out.ignoredByHardware = (out.ignoredByHardware + t.ignoredByHardware * shift) >>> 0;
  }
  return out;
}
