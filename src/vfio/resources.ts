/**
 * Host BAR/ROM resources inferred from a dump when the caller gives none. A dump shows where the host
 * placed each BAR but not its size; the size is guessed from the address alignment (a BAR is naturally
 * aligned), capped so a high 64-bit address does not claim terabytes. Callers with real sizes pass them.
 */
import { readLE } from '../util/bytes';
import { PCI_ROM_ADDRESS } from '../pci/header';
import type { HostResource } from './hardware';

const MAX_GUESS_MEM = 1 << 24;
const MAX_GUESS_IO = 256;

function alignmentOf(addr: bigint, cap: number): number {
  if (addr === 0n) return 0;
  let size = 1;
  while (size < cap && (addr & BigInt(size)) === 0n) size *= 2;
  return size;
}

export function inferResources(bytes: Uint8Array): HostResource[] {
  const out: HostResource[] = [];
  for (let i = 0; i < 6; i++) {
    const lo = readLE(bytes, 0x10 + 4 * i, 4);
    if (lo & 1) {
      const start = lo & ~3;
      if (start) out.push({ index: i, start, size: alignmentOf(BigInt(start), MAX_GUESS_IO), type: 'io' });
      continue;
    }
    const is64 = (lo & 0x6) === 0x4 && i < 5;
    const hi = is64 ? readLE(bytes, 0x14 + 4 * i, 4) : 0;
    const start = (BigInt(hi) << 32n) | BigInt(lo & ~0xf);
    if (start) {
      out.push({
        index: i,
        start: Number(start),
        size: alignmentOf(start, MAX_GUESS_MEM),
        type: is64 ? 'mem64' : 'mem32',
        prefetch: (lo & 0x8) !== 0,
      });
    }
    if (is64) i++;
  }
  const rom = readLE(bytes, PCI_ROM_ADDRESS, 4) & 0xfffff800;
  if (rom) out.push({ index: 6, start: rom, size: alignmentOf(BigInt(rom), MAX_GUESS_MEM), type: 'rom' });
  return out;
}
