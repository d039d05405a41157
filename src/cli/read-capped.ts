/**
 * Reads the FILE argument without trusting it: a regular file, a pipe or FIFO (`<(lspci -x)`), or a
 * character device such as /dev/stdin, read in slices up to a size cap, so /dev/zero or an endless pipe
 * ends with a message instead of filling memory. Directories, sockets and block devices are refused.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EngineError } from '../errors';

/** Far above any real dump (a whole machine's lspci -xxxx is about a megabyte). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const SLICE = 64 * 1024;

export function readCapped(file: string, cap = MAX_INPUT_BYTES): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice())
      throw new EngineError(
        'option',
        `cannot read: ${st.isDirectory() ? 'a directory' : 'not a regular file, pipe or character device'}`,
      );
    if (st.isFile() && st.size > cap)
      throw new EngineError(
        'option',
        `cannot read: ${st.size} bytes is more than a dump (${cap} bytes at most)`,
      );
    const slices: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const slice = new Uint8Array(SLICE);
      const n = readSync(fd, slice, 0, SLICE, null);
      if (n === 0) break;
      total += n;
      if (total > cap)
        throw new EngineError('option', `cannot read: more than ${cap} bytes, more than a dump`);
      slices.push(slice.subarray(0, n));
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const s of slices) {
      data.set(s, at);
      at += s.length;
    }
    return data;
  } finally {
    closeSync(fd);
  }
}
