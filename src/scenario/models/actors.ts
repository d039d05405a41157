/** The vfio-pci, QEMU and guest actors: thin state holders; the flows in ../flows drive them. */
import { readLE } from '../../util/bytes';
import type { VfioDevice } from '../../vfio/device';
import type { QemuVfioPci } from '../../qemu/config';
import type { Actor } from '../timeline';

export interface VfioContext {
  readonly index: 'msi' | 'msix' | 'ims';
  readonly vector: number;
  readonly eventfd: string;
  readonly hostIrq: number;
  producer: boolean;
}

export class VfioActor implements Actor {
  readonly contexts: VfioContext[] = [];
  constructor(
    readonly dev: VfioDevice,
    readonly msiCap: number,
  ) {}
  snapshot() {
    const s = this.dev.state;
    const v = this.dev.vconfig;
    return {
      irqType: s.irqType,
      msiQmax: s.msiQmax,
      novirt: s.novirt,
      ...(this.msiCap
        ? { vconfigMsi: { address: readLE(v, this.msiCap + 4, 4), data: readLE(v, this.msiCap + 8, 2) } }
        : {}),
      contexts: this.contexts.map((c) => ({ ...c })),
    };
  }
}

export interface QemuVector {
  readonly nr: number;
  readonly eventfd: string;
  virq: number;
}

/** The RFC's VFIOQAthQuirk: where its window sits in BAR0 and the data slot it is waiting for. */
export interface AthQuirk {
  /** pci_window_base and the MemoryRegion's size. */
  readonly base: number;
  readonly size: number;
  /** msi_data_addr: window offset where the data write is expected; 0 = idle (as in the RFC). */
  msiDataAddr: number;
}

/** vdev->interrupt (VFIO_INT_NONE / INTx / MSI / MSIX): the one mode QEMU has set up with vfio. */
export type QemuInterrupt = 'none' | 'intx' | 'msi' | 'msix';

export class QemuActor implements Actor {
  readonly vectors: QemuVector[] = [];
  interrupt: QemuInterrupt = 'none';
  /** INTx as vfio_intx_enable left it: the pin, its KVM route and whether KVM's resample irqfd carries it. */
  intx: { pin: number; gsi: number; kvmAccel: boolean } | null = null;
  /** The guest-visible MSI-X table QEMU emulates (msix_table); guest writes never reach the device. */
  readonly msixTable = new Map<number, { address: number; data: number; masked: boolean }>();
  /** Ring writes an IMS-aware VMM trapped and kept (S5). */
  readonly trapped: { offset: number; value: number }[] = [];
  quirk: AthQuirk | null = null;
  readonly warnings: string[] = [];
  constructor(readonly pci: QemuVfioPci | null) {}
  snapshot() {
    const p = this.pci;
    const msi = p?.msi
      ? { enabled: p.msiEnabled(), vectors: p.msiVectors(), message: p.msiMessage(0) }
      : null;
    return {
      interrupt: this.interrupt,
      intx: this.intx ? { ...this.intx } : null,
      msi,
      vectors: this.vectors.map((v) => ({ ...v })),
      msixTable: [...this.msixTable.entries()].map(([entry, e]) => ({ entry, ...e })),
      trapped: this.trapped.map((t) => ({ ...t })),
      quirk: this.quirk ? { ...this.quirk } : null,
      warnings: this.warnings,
    };
  }
}

export class GuestKernel implements Actor {
  msiVectors = 0;
  vectors: { guestVector: number; apic: number }[] = [];
  message: { address: number; data: number } | null = null;
  readonly log: string[] = [];
  constructor(readonly viommu: boolean) {}
  snapshot() {
    return {
      viommu: this.viommu,
      msiVectors: this.msiVectors,
      vectors: this.vectors,
      message: this.message,
      log: this.log,
    };
  }
}

/** ath11k's MSI mode: every vector it asked for, or one that all its rings share (its one-MSI fallback). */
export type MsiMode = 'multi-msi' | 'one-msi';
export const msiModeFor = (vectors: number): MsiMode => (vectors > 1 ? 'multi-msi' : 'one-msi');

export class GuestDriver implements Actor {
  mode: MsiMode | 'ims' | 'none' = 'none';
  address: number | null = null;
  dataBase: number | null = null;
  readonly rings: { name: string; offset: number; data: number }[] = [];
  readonly handled: string[] = [];
  readonly log: string[] = [];
  snapshot() {
    return {
      mode: this.mode,
      address: this.address,
      dataBase: this.dataBase,
      rings: this.rings,
      handled: this.handled,
      log: this.log,
    };
  }
}
