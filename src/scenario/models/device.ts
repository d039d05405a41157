/**
 * The assigned device as an interrupt source: its physical MSI capability (inside the vfio engine's
 * hardware model), the ath11k onboard interrupt controller's ring MSI registers in BAR0, or an MSI-X
 * table. raise() says which memory write the device would emit for a source.
 */
import { readLE } from '../../util/bytes';
import type { VfioDevice } from '../../vfio/device';
import type { Actor } from '../timeline';

export interface RingRegs {
  readonly offset: number;
  readonly name: string;
  lsb: number;
  msb: number;
  data: number;
}

export type SourceDef =
  | { readonly id: string; readonly kind: 'msi-vector'; readonly vector: number }
  | { readonly id: string; readonly kind: 'ring'; readonly offset: number }
  | { readonly id: string; readonly kind: 'msix-entry'; readonly entry: number };

/** Why a source sent nothing, as data (the timeline's text for it comes from describe/log.ts). */
export type NotSent =
  | { readonly cause: 'msi-disabled' }
  | { readonly cause: 'vector-beyond'; readonly nr: number; readonly enabled: number }
  | { readonly cause: 'vector-masked'; readonly nr: number }
  | { readonly cause: 'ring-disabled' }
  | { readonly cause: 'msix-masked'; readonly entry: number };

export type Emission = { ok: true; address: number; data: number } | ({ ok: false } & NotSent);

export const RING_MSI1_ENABLE = 0x100;

export class DeviceModel implements Actor {
  readonly rings = new Map<number, RingRegs>();
  readonly msixTable: { address: number; data: number; masked: boolean }[];

  constructor(
    readonly vfio: VfioDevice,
    readonly sid: number,
    readonly msiCap: number,
    ringDefs: readonly { offset: number; name: string }[] = [],
    msixEntries = 0,
  ) {
    for (const r of ringDefs)
      this.rings.set(r.offset, { offset: r.offset, name: r.name, lsb: 0, msb: 0, data: 0 });
    this.msixTable = Array.from({ length: msixEntries }, () => ({ address: 0, data: 0, masked: true }));
  }

  /** The ring a BAR0 offset lands in, and which of its three registers. */
  private ringAt(offset: number): { ring: RingRegs; reg: 'lsb' | 'msb' | 'data' } | null {
    for (const ring of this.rings.values()) {
      const rel = offset - ring.offset;
      if (rel === 0) return { ring, reg: 'lsb' };
      if (rel === 4) return { ring, reg: 'msb' };
      if (rel === 8) return { ring, reg: 'data' };
    }
    return null;
  }

  mmioWrite(offset: number, size: 4 | 8, value: bigint): void {
    for (let i = 0; i < size; i += 4) {
      const hit = this.ringAt(offset + i);
      if (hit) hit.ring[hit.reg] = Number((value >> BigInt(8 * i)) & 0xffffffffn);
    }
  }

  msiState() {
    const p = this.vfio.physical;
    const flags = readLE(p, this.msiCap + 2, 2);
    const is64 = (flags & 0x80) !== 0;
    return {
      enable: (flags & 1) === 1,
      vectors: 1 << ((flags >> 4) & 7),
      address: readLE(p, this.msiCap + 4, 4),
      data: readLE(p, this.msiCap + (is64 ? 0x0c : 0x08), 2),
      mask: flags & 0x100 ? readLE(p, this.msiCap + (is64 ? 0x10 : 0x0c), 4) : 0,
    };
  }

  raise(src: SourceDef): Emission {
    if (src.kind === 'msi-vector') {
      const m = this.msiState();
      if (!m.enable) return { ok: false, cause: 'msi-disabled' };
      if (src.vector >= m.vectors)
        return { ok: false, cause: 'vector-beyond', nr: src.vector, enabled: m.vectors };
      if (m.mask & (1 << src.vector)) return { ok: false, cause: 'vector-masked', nr: src.vector };
      return { ok: true, address: m.address, data: (m.data & ~(m.vectors - 1)) | src.vector };
    }
    if (src.kind === 'ring') {
      const r = this.rings.get(src.offset);
      if (!r || !(r.msb & RING_MSI1_ENABLE)) return { ok: false, cause: 'ring-disabled' };
      return { ok: true, address: r.lsb, data: r.data };
    }
    const e = this.msixTable[src.entry];
    if (!e || e.masked) return { ok: false, cause: 'msix-masked', entry: src.entry };
    return { ok: true, address: e.address, data: e.data };
  }

  snapshot() {
    return {
      sid: this.sid,
      ...(this.msiCap ? { msi: this.msiState() } : {}),
      rings: [...this.rings.values()].map((r) => ({ ...r })),
      ...(this.msixTable.length ? { msix: this.msixTable.map((e, i) => ({ entry: i, ...e })) } : {}),
    };
  }
}
