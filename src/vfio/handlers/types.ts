/** The handler contract: the kernel's readfn/writefn, plus the provenance the explorer shows. */
import type { VfioState } from '../state';
import type { PermTable } from '../perm/types';

export interface ChunkRead {
  readonly value: number;
  /** Bits of `value` that came from the hardware; the rest came from vconfig. */
  readonly hw: number;
}

/** Where the bits of one written chunk went (bit positions within the chunk). */
export interface WriteTrace {
  toVconfig: number;
  toHardware: number;
  /** Bits sent to hardware that the hardware did not take (read-only there). */
  ignoredByHardware: number;
}

export type ReadFn = (s: VfioState, pos: number, count: number, perm: PermTable, offset: number) => ChunkRead;
export type WriteFn = (
  s: VfioState,
  pos: number,
  count: number,
  perm: PermTable,
  offset: number,
  val: number,
  trace: WriteTrace,
) => void;
