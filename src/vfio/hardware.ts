/**
 * The physical device behind vfio: 4096 config bytes and a per-bit mask of what software can change.
 * Every physical write does P = (P & ~M) | (v & M); bits in the RW1C mask are cleared by writing 1.
 * 'memory' (the default) makes every bit writable; 'realistic' derives the masks from the register
 * registry: read-only IDs and class, BAR size masks, RW1C status bits, undescribed bytes stay put.
 */
import { readLE, writeLE } from '../util/bytes';
import { decodeConfig } from '../pci/decode';
import type { DecodedField } from '../pci/fields';

export interface HostResource {
  /** 0–5: BAR0–5; 6: expansion ROM. */
  readonly index: number;
  readonly start: number;
  readonly size: number;
  readonly type: 'mem32' | 'mem64' | 'io' | 'rom' | 'romShadow';
  readonly prefetch?: boolean;
}

export class Hardware {
  readonly bytes = new Uint8Array(4096);
  readonly writable: Uint8Array;
  readonly rw1c: Uint8Array;

  constructor(initial: Uint8Array, writable?: Uint8Array, rw1c?: Uint8Array) {
    this.bytes.set(initial.subarray(0, 4096));
    this.writable = writable ? writable.slice(0, 4096) : new Uint8Array(4096).fill(0xff);
    this.rw1c = rw1c ? rw1c.slice(0, 4096) : new Uint8Array(4096);
  }

  read(offset: number, size: number): number {
    return readLE(this.bytes, offset, size);
  }

  /** Writes through the masks; returns the bits of `value` that differed but did not stick. */
  write(offset: number, size: number, value: number): number {
    let ignored = 0;
    for (let i = 0; i < size; i++) {
      const v = (value >>> (8 * i)) & 0xff;
      const p = this.bytes[offset + i];
      const m = this.writable[offset + i];
      const c = this.rw1c[offset + i];
      this.bytes[offset + i] = ((p & ~m) | (v & m)) & ~(v & c) & 0xff;
      ignored |= ((v ^ p) & ~m & ~c & 0xff) << (8 * i);
    }
    return ignored >>> 0;
  }

  clone(): Hardware {
    return new Hardware(this.bytes, this.writable, this.rw1c);
  }
}

/** Per-bit writable and RW1C masks of one register, from its access and its bit fields' access. */
function fieldMasks(f: DecodedField): { w: number; c: number } {
  let w = f.access === 'rw' ? 0xffffffff : 0;
  let c = f.access === 'rw1c' ? 0xffffffff : 0;
  for (const b of f.bits ?? []) {
    w &= ~b.mask;
    c &= ~b.mask;
    if (b.access === 'rw') w |= b.mask;
    if (b.access === 'rw1c') c |= b.mask;
  }
  const all = f.size === 4 ? 0xffffffff : (1 << (8 * f.size)) - 1;
  return { w: (w & all) >>> 0, c: (c & all) >>> 0 };
}

/** A BAR's writable address bits: the resource size decides them (unknown size: 16 bytes / 4 ports). */
function barWritable(res: HostResource | undefined, current: number): number {
  const low = current & 1 ? 0xfffffffc : 0xfffffff0;
  if (!res || !res.size) return low;
  return ((~(res.size - 1) >>> 0) & low) >>> 0;
}

export function realisticMasks(
  bytes: Uint8Array,
  resources: readonly HostResource[] = [],
): { writable: Uint8Array; rw1c: Uint8Array } {
  const writable = new Uint8Array(4096);
  const rw1c = new Uint8Array(4096);
  const decoded = decodeConfig(bytes);
  const fields = [
    ...decoded.header.fields,
    ...decoded.capabilities.flatMap((c) => c.fields),
    ...decoded.extendedCapabilities.flatMap((c) => c.fields),
  ];
  for (const f of fields) {
    const { w, c } = fieldMasks(f);
    writeLE(writable, f.offset, f.size, w);
    writeLE(rw1c, f.offset, f.size, c);
  }
  if (decoded.header.type === 0) {
    for (let i = 0; i < 6; i++) {
      const off = 0x10 + 4 * i;
      const bar = readLE(bytes, off, 4);
      writeLE(
        writable,
        off,
        4,
        barWritable(
          resources.find((r) => r.index === i),
          bar,
        ),
      );
      // The upper dword of a 64-bit memory BAR is all address.
      if (!(bar & 1) && (bar & 0x6) === 0x4 && i < 5) {
        writeLE(writable, off + 4, 4, 0xffffffff);
        i++;
      }
    }
  }
  return { writable, rw1c };
}
