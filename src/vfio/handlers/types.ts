/** The handler contract: the kernel's readfn/writefn, plus the provenance the explorer shows. */
import type { VfioState } from '../state';
import type { PermTable } from '../perm/types';

/**
 * Where the bits of one read chunk came from. A read handler returns the chunk's value and sets `hw`;
 * the caller passes the record in, so a read allocates nothing per chunk (fuzzing makes millions).
 */
export interface ReadTrace {
  /** Bits of the returned value that came from the hardware; the rest came from vconfig. */
  hw: number;
}

/** Where the bits of one written chunk went (bit positions within the chunk). */
export interface WriteTrace {
  toVconfig: number;
  toHardware: number;
  /** Bits sent to hardware that the hardware did not take (read-only there). */
  ignoredByHardware: number;
}

export type ReadFn = (
  s: VfioState,
  pos: number,
  count: number,
  perm: PermTable,
  offset: number,
  trace: ReadTrace,
) => number;
export type WriteFn = (
  s: VfioState,
  pos: number,
  count: number,
  perm: PermTable,
  offset: number,
  val: number,
  trace: WriteTrace,
) => void;
