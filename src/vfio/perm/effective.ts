/**
 * The permission bits in force for every byte, as one 4096-byte virt array and one write array, plus a
 * per-byte explanation. Tables supply their bits; table-less handlers are expressed in the same terms:
 * a direct read takes the capability header from vconfig, a raw write lets every bit through, a missing
 * write handler drops everything.
 */
import { dispatch, mapRunEnd } from '../map';
import { kernelNote } from './kernel-notes';
import type { VfioState } from '../state';
import { ignoresOffset, type PermEntry, type PermTable, type ReadHandler, type WriteHandler } from './types';

export interface ByteDescription {
  readonly offset: number;
  /** pci_config_map value: capability ID (extended IDs truncated to 8 bits), 0xff unassigned, 0xfe virtual. */
  readonly capId: number;
  readonly capStart: number;
  readonly extended: boolean;
  readonly read: ReadHandler;
  readonly write: WriteHandler;
  readonly virt: number;
  readonly writable: number;
  /** The table entry covering this byte, with its reason, when the capability has a table. */
  readonly entry?: PermEntry;
  /** Kernel function that built the table or handles the byte. */
  readonly source: string;
  /** One plain sentence: why the byte behaves as it does. */
  readonly why: string;
  /** Where the modelled kernels differ for this byte: which version the rule belongs to, with its commit. */
  readonly kernel?: string;
}

/** The reason for bytes no table entry covers, by how they are handled. */
function handlerReason(read: ReadHandler, write: WriteHandler): string {
  if (read === 'raw')
    return 'No capability owns this byte (a gap, past a capability, or a hidden one): raw access to the device.';
  if (read === 'virt') return 'Fully virtual byte: reads and writes touch vconfig only.';
  if (write === 'raw')
    return 'Vendor-specific: read directly (header from vconfig), every byte written to the device unfiltered.';
  if (read === 'direct')
    return 'No permission table: read from the device with the header from vconfig; writes are dropped.';
  return 'Read from the device; not writable (the table leaves these bits 0/0).';
}

function directVirt(pos: number, offset: number): number {
  if (pos >= 256) return offset < 4 ? 0xff : 0;
  // ID (multi-byte reads; a 1-byte read of the ID comes from hardware) and next pointer.
  return pos >= 64 && offset < 2 ? 0xff : 0;
}

/** The bits of a byte that vfio virtualizes: its table's, or what its read handler implies. */
function virtBits(p: PermTable, pos: number, offset: number): number {
  if (p.read === 'raw') return 0;
  if (p.read === 'virt') return 0xff;
  if (p.read === 'direct') return directVirt(pos, offset);
  return p.virtBits[offset] ?? 0;
}

/** The bits of a byte a write may change: its table's, or everything / nothing by its write handler. */
function writableBits(p: PermTable, offset: number): number {
  if (ignoresOffset(p.read)) return 0xff;
  if (p.read === 'direct') return p.write === 'raw' ? 0xff : 0;
  return p.write ? (p.writeBits[offset] ?? 0) : 0;
}

export function describeByte(s: VfioState, pos: number): ByteDescription {
  const d = dispatch(s, pos);
  const offset = pos - d.capStart;
  const p = d.perm;
  const entry = p.entries.find((e) => offset >= e.offset && offset < e.offset + e.size);
  const note = kernelNote(s, pos);
  return {
    offset: pos,
    capId: d.capId,
    capStart: d.capStart,
    extended: pos >= 256,
    read: p.read,
    write: p.write,
    virt: virtBits(p, pos, offset),
    writable: writableBits(p, offset),
    ...(entry ? { entry } : {}),
    source: p.source,
    why: entry?.why ?? handlerReason(p.read, p.write),
    ...(note ? { kernel: note } : {}),
  };
}

/**
 * The same bits as describeByte for every byte, dispatching once per run of bytes with one map value
 * (they share a table and a start). Unassigned and virtual bytes ignore the offset, so their runs — most
 * of a 4 KiB space — are filled whole. This is on the path of every page load, so it builds no per-byte
 * descriptions.
 */
export function effectivePerm(s: VfioState): { virt: Uint8Array; write: Uint8Array } {
  const virt = new Uint8Array(4096);
  const write = new Uint8Array(4096);
  for (let pos = 0; pos < s.cfgSize;) {
    const end = mapRunEnd(s, pos, s.cfgSize);
    const d = dispatch(s, pos);
    if (ignoresOffset(d.perm.read)) {
      virt.fill(virtBits(d.perm, pos, 0), pos, end);
      write.fill(writableBits(d.perm, 0), pos, end);
    } else
      for (let p = pos; p < end; p++) {
        virt[p] = virtBits(d.perm, p, p - d.capStart);
        write[p] = writableBits(d.perm, p - d.capStart);
      }
    pos = end;
  }
  return { virt, write };
}
