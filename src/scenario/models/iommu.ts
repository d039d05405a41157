/**
 * Interrupt remapping: Intel VT-d (a global IRTE table looked up by handle + subhandle from remappable
 * messages; compatibility messages blocked with CFI clear), AMD (a per-device table indexed by MSI data)
 * and no remapping (messages go out untranslated). Posted IRTEs deliver into a PI descriptor instead.
 */
import { decodeMsi } from '../../irq/msi-format';
import type { Actor } from '../timeline';

export type IommuMode = 'intel' | 'amd' | 'none';

export interface Irte {
  readonly index: number;
  readonly present: boolean;
  /** Remapped: host vector and destination APIC id. */
  readonly vector: number;
  readonly dest: number;
  readonly sid: number;
  /** Posted format (IM=1): guest vector and PI descriptor address. */
  readonly posted?: { readonly guestVector: number; readonly pda: number; readonly urgent: boolean };
  /** AMD guest virtual APIC mode (GuestMode=1, 128-bit IRTE): where the IOMMU posts the guest vector. */
  readonly guestMode?: GuestModeIrte;
}

/** The GA fields amd_iommu_activate_guest_mode and amd_iommu_update_ga fill in. */
export interface GuestModeIrte {
  readonly vector: number;
  /** GATag = AVIC_GATAG(vm id, vCPU): opaque to the IOMMU, handed back in GA log entries. */
  readonly gaTagVm: number;
  readonly gaTagVcpu: number;
  /** GA root pointer: the vCPU's vAPIC backing page >> 12. */
  readonly gaRootPtr: number;
  /** IsRun and Destination (the host APIC id of the pCPU running the vCPU), kept current by KVM. */
  readonly isRun: boolean;
  readonly destination: number;
  /** GALogIntr: write a GA log entry and interrupt the host when IsRun is clear. */
  readonly gaLogIntr: boolean;
}

export type Lookup =
  | { kind: 'remapped'; index: number; vector: number; dest: number }
  | { kind: 'posted'; index: number; guestVector: number; pda: number }
  | ({ kind: 'guest-mode'; index: number } & GuestModeIrte)
  | { kind: 'untranslated'; dest: number; vector: number }
  | { kind: 'fault'; index: number; reason: number | string; text: string };

/** What each VT-d interrupt-remapping fault reason means (dmar.c irq_remap_fault_reasons), in our words. */
export const VTD_FAULT_REASONS: Record<number, string> = {
  0x20: 'reserved field set in the request',
  0x21: 'index beyond the table size',
  0x22: 'IRTE present bit clear',
  0x23: 'error reading the remapping table',
  0x24: 'reserved field set in the IRTE',
  0x25: 'Blocked a compatibility format interrupt request',
  0x26: 'source-id verification failed',
};

const VTD_TABLE_ENTRIES = 65536;

/**
 * The line dmar_fault → dmar_fault_do_one prints for an interrupt-remapping fault: the index is the fault
 * record's address >> 48, printed 0x%llx, and the reason 0x%02x (the format since v5.15; v5.14 briefly
 * printed the bus as 0x%02x, and before v5.14 index and reason had no 0x and the reason was decimal).
 */
export function dmarIntrRemapLog(sid: number, index: number, reason: number, text: string): string {
  return `DMAR: [INTR-REMAP] Request device [${bdf(sid)}] fault index 0x${index.toString(16)} [fault reason 0x${reason.toString(16).padStart(2, '0')}] ${text}`;
}

export const bdf = (sid: number) =>
  `${(sid >> 8).toString(16).padStart(2, '0')}:${((sid >> 3) & 0x1f).toString(16).padStart(2, '0')}.${sid & 7}`;

/** AMD MAX_IRQS_PER_TABLE_512: a device table's entries (newer kernels use 2048 where the IOMMU allows). */
const AMD_TABLE_ENTRIES = 512;

export class Iommu implements Actor {
  /** Intel: key = index; AMD: key = `${sid}:${index}` (per-device tables). */
  private readonly table = new Map<string, Irte>();
  /** Allocated IRTE indices: Intel's global ir_table->bitmap; AMD's per-device "allocated" marks. */
  private readonly allocated = new Set<string>();
  readonly faults: { sid: number; index: number; reason: number | string }[] = [];
  /** VT-d: x2APIC mode (IRTA.EIME) and the compatibility-format-interrupt bit Linux clears. */
  readonly eime = true;
  readonly cfi = false;

  /**
   * @param firstFree Intel: the table's entries below this index belong to the host's other interrupt
   * sources (IOAPIC pins, other devices' MSIs), so the first free region starts here. AMD tables are per
   * device and start empty.
   */
  constructor(
    readonly mode: IommuMode,
    firstFree = 0,
  ) {
    if (mode === 'intel') for (let i = 0; i < firstFree; i++) this.allocated.add(String(i));
  }

  private key(sid: number, index: number) {
    return this.mode === 'amd' ? `${sid}:${index}` : String(index);
  }

  /**
   * Reserve `count` IRTEs for a device, the lowest free block:
   * - Intel alloc_irte: bitmap_find_free_region(bitmap, INTR_REMAP_TABLE_ENTRIES, ilog2(roundup_pow_of_two(count)))
   *   — the lowest free region of 2^order entries, aligned to its size;
   * - AMD alloc_irq_index (from irq_remapping_alloc): a scan of the device's own table from min_index
   *   (0 for a PCI device; 32 only for IOAPIC tables), aligned to roundup_pow_of_two(count) for multi-MSI.
   * Freed entries are found again, so a device that frees and re-allocates gets the same indices back.
   */
  allocIrte(sid: number, count: number, aligned = true): number {
    const block = aligned ? 2 ** Math.ceil(Math.log2(count)) : 1;
    const size = this.mode === 'amd' ? AMD_TABLE_ENTRIES : VTD_TABLE_ENTRIES;
    for (let base = 0; base + count <= size; base += block) {
      const span = this.mode === 'intel' ? block : count;
      let free = true;
      for (let i = 0; i < span && free; i++) free = !this.allocated.has(this.key(sid, base + i));
      if (!free) continue;
      for (let i = 0; i < span; i++) this.allocated.add(this.key(sid, base + i));
      return base;
    }
    throw new Error('no free IRTE block');
  }

  write(e: Irte): void {
    this.table.set(this.key(e.sid, e.index), e);
  }

  /** free_irte (Intel: clear the entry, bitmap_release_region; AMD: clear_allocated): the index is free again. */
  free(sid: number, index: number): void {
    this.table.delete(this.key(sid, index));
    this.allocated.delete(this.key(sid, index));
  }

  entry(sid: number, index: number): Irte | undefined {
    return this.table.get(this.key(sid, index));
  }

  /** What the remapping hardware does with a DMA write to the interrupt window from `sid`. */
  lookup(address: number, data: number, sid: number): Lookup {
    if (this.mode === 'none') {
      const d = decodeMsi(address, data);
      return { kind: 'untranslated', dest: d.destApicId ?? 0, vector: d.vector ?? 0 };
    }
    const d = decodeMsi(address, data, 0, { remap: this.mode });
    const fault = (index: number, reason: number | string, text: string): Lookup => {
      this.faults.push({ sid, index, reason });
      return { kind: 'fault', index, reason, text };
    };
    if (this.mode === 'intel' && d.format === 'compatibility') {
      // Blocked when EIME is set or CFI is clear; Linux always clears CFI. The fault record's index field
      // (FRCD FI[63:48]) holds what the hardware took as the handle, address[19:5]: the logs in the thread
      // show 0x0 for 0xFEE00000 and 0xa00 for 0xFEE14000.
      return fault((address >>> 5) & 0x7fff, 0x25, VTD_FAULT_REASONS[0x25]);
    }
    const index = d.irteIndex ?? 0;
    if (this.mode === 'intel' && index >= VTD_TABLE_ENTRIES)
      return fault(index, 0x21, VTD_FAULT_REASONS[0x21]);
    const e = this.entry(sid, index);
    if (!e || !e.present) {
      return this.mode === 'intel'
        ? fault(index, 0x22, VTD_FAULT_REASONS[0x22])
        : fault(
            index,
            'invalid IRTE (event type unconfirmed)',
            'no valid IRTE at that index in the device table',
          );
    }
    if (this.mode === 'intel' && e.sid !== sid) return fault(index, 0x26, VTD_FAULT_REASONS[0x26]);
    if (e.posted) return { kind: 'posted', index, guestVector: e.posted.guestVector, pda: e.posted.pda };
    if (e.guestMode) return { kind: 'guest-mode', index, ...e.guestMode };
    return { kind: 'remapped', index, vector: e.vector, dest: e.dest };
  }

  snapshot() {
    return {
      mode: this.mode,
      ...(this.mode === 'intel' ? { eime: this.eime, cfi: this.cfi } : {}),
      irte: [...this.table.values()].sort((a, b) => a.index - b.index),
      faults: this.faults,
    };
  }
}
