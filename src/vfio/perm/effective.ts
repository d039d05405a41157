/**
 * The permission bits in force for every byte, as one 4096-byte virt array and one write array, plus a
 * per-byte explanation. Tables supply their bits; table-less handlers are expressed in the same terms:
 * a direct read takes the capability header from vconfig, a raw write lets every bit through, a missing
 * write handler drops everything.
 */
import { dispatch } from '../map';
import type { VfioState } from '../state';
import type { PermEntry, ReadHandler, WriteHandler } from './types';

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

export function describeByte(s: VfioState, pos: number): ByteDescription {
  const d = dispatch(s, pos);
  const offset = pos - d.capStart;
  const p = d.perm;
  let virt: number;
  let writable: number;
  if (p.read === 'raw' || p.read === 'virt') {
    virt = p.read === 'virt' ? 0xff : 0;
    writable = 0xff;
  } else if (p.read === 'direct') {
    virt = directVirt(pos, offset);
    writable = p.write === 'raw' ? 0xff : 0;
  } else {
    virt = p.virtBits[offset] ?? 0;
    writable = p.write ? (p.writeBits[offset] ?? 0) : 0;
  }
  const entry = p.entries.find((e) => offset >= e.offset && offset < e.offset + e.size);
  return {
    offset: pos,
    capId: d.capId,
    capStart: d.capStart,
    extended: pos >= 256,
    read: p.read,
    write: p.write,
    virt,
    writable,
    ...(entry ? { entry } : {}),
    source: p.source,
    why: entry?.why ?? handlerReason(p.read, p.write),
  };
}

export function effectivePerm(s: VfioState): { virt: Uint8Array; write: Uint8Array } {
  const virt = new Uint8Array(4096);
  const write = new Uint8Array(4096);
  for (let pos = 0; pos < s.cfgSize; pos++) {
    const b = describeByte(s, pos);
    virt[pos] = b.virt;
    write[pos] = b.writable;
  }
  return { virt, write };
}
