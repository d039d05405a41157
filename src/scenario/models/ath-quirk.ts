/**
 * Alex Williamson's QEMU RFC "vfio/pci-quirks: Quirk for ath wireless" (lore 20240812170045.1584000-1-
 * alex.williamson@redhat.com, against QEMU 9.1), as data and pure decisions: which devices the probe
 * accepts and where their trap window lies (vfio_probe_ath_bar0_quirk), how QEMU's memory core hands a
 * guest store to the trap (system/memory.c, system/physmem.c), and what vfio_ath_quirk_write does with one
 * 4-byte write. The flow in ../flows/rings.ts turns these decisions into timeline events.
 */

/** PCI_VENDOR_ID_QCOM (include/hw/pci/pci_ids.h). */
export const PCI_VENDOR_ID_QCOM = 0x17cb;
/** PCI_MSI_ADDRESS_LO and PCI_MSI_DATA_32 from pci_regs.h: the quirk reads data at +8 whatever the capability's width. */
export const PCI_MSI_ADDRESS_LO = 0x04;
export const PCI_MSI_DATA_32 = 0x08;

export interface AthQuirkWindow {
  /** The Linux driver whose v6.10 PCI id table the RFC copied. */
  readonly driver: 'ath11k' | 'ath12k';
  readonly deviceIds: readonly number[];
  /** Device ids the RFC marks as tested (the others carry an "Untested" comment). */
  readonly tested: readonly number[];
  /** BAR0 offset and size of the "vfio-ath-quirk" MemoryRegion. */
  readonly base: number;
  readonly size: number;
  /** The driver constants the RFC names for base and size. */
  readonly from: string;
}

/** vfio_probe_ath_bar0_quirk's switch on the device id; every other id returns before the feature call. */
export const ATH_QUIRK_WINDOWS: readonly AthQuirkWindow[] = [
  {
    driver: 'ath11k',
    deviceIds: [0x1101, 0x1103, 0x1104],
    tested: [0x1103],
    base: 0x80000,
    size: 0x40000,
    from: 'ATH11K_PCI_WINDOW_START, ATH11K_PCI_WINDOW_RANGE_MASK (256 KiB)',
  },
  {
    driver: 'ath12k',
    deviceIds: [0x1107, 0x1109],
    tested: [],
    base: 0x1e00000,
    size: 0x80000,
    from: 'PCI_BAR_WINDOW0_BASE, PCI_BAR_WINDOW0_END (512 KiB)',
  },
];

/** What the probe sees: vdev->vendor_id / device_id, the BAR number it is called for, msi_present(). */
export interface ProbeInput {
  readonly bar: number;
  readonly vendor: number;
  readonly device: number;
  readonly msiPresent: boolean;
}

export type ProbeDecision =
  | { readonly match: true; readonly window: AthQuirkWindow }
  | { readonly match: false; readonly reason: string };

const hex = (v: number) => `0x${v.toString(16)}`;

/** vfio_probe_ath_bar0_quirk's gate, in its order: BAR 0, Qualcomm, MSI present, then a listed device id. */
export function athQuirkProbe(p: ProbeInput): ProbeDecision {
  if (p.bar !== 0) return { match: false, reason: `BAR${p.bar} is not BAR0` };
  if (p.vendor !== PCI_VENDOR_ID_QCOM)
    return { match: false, reason: `vendor ${hex(p.vendor)} is not Qualcomm (${hex(PCI_VENDOR_ID_QCOM)})` };
  if (!p.msiPresent) return { match: false, reason: 'the device has no MSI capability' };
  const window = ATH_QUIRK_WINDOWS.find((w) => w.deviceIds.includes(p.device));
  if (!window)
    return {
      match: false,
      reason: `device ${hex(p.device)} is not in the RFC's list (${ATH_QUIRK_WINDOWS.flatMap(
        (w) => w.deviceIds,
      )
        .map(hex)
        .join(', ')})`,
    };
  return { match: true, window };
}

/**
 * How a guest store reaches the quirk's write callback. The ops give .valid 4..8, .unaligned false and no
 * .impl, so:
 * - an 8-byte store at an 8-aligned window offset passes memory_region_access_valid and
 *   access_with_adjusted_size (impl.max_access_size 0 → 4) calls the callback twice, low half first
 *   (little-endian: shift 0 then 32);
 * - an 8-byte store at a 4-aligned offset is first cut by physmem.c's memory_access_size (the alignment
 *   bound) into two 4-byte dispatches, again low half first.
 * Either way vfio_ath_quirk_write sees two 4-byte writes. A 4-byte store arrives as it is.
 */
export interface QuirkAccess {
  readonly offset: number;
  readonly value: number;
}

export function splitForQuirk(
  windowOffset: number,
  size: 4 | 8,
  value: bigint,
): { readonly by: 'access_with_adjusted_size' | 'memory_access_size' | null; readonly parts: QuirkAccess[] } {
  const lo = Number(value & 0xffffffffn);
  if (size === 4) return { by: null, parts: [{ offset: windowOffset, value: lo }] };
  const hi = Number((value >> 32n) & 0xffffffffn);
  return {
    by: windowOffset % 8 === 0 ? 'access_with_adjusted_size' : 'memory_access_size',
    parts: [
      { offset: windowOffset, value: lo },
      { offset: windowOffset + 4, value: hi },
    ],
  };
}

/** What the quirk reads from QEMU's emulated capability (pdev.config) for one write. */
export interface GuestMsiView {
  readonly enabled: boolean;
  /** pci_get_long(config + msi_cap + PCI_MSI_ADDRESS_LO). */
  readonly address: number;
  /** pci_get_word(config + msi_cap + PCI_MSI_DATA_32). */
  readonly data: number;
  /** msi_nr_vectors_allocated(): 1 << QSIZE of the emulated flags. */
  readonly vectors: number;
}

export type QuirkStep =
  | { readonly kind: 'address'; readonly armed: number }
  | { readonly kind: 'data'; readonly vectorOffset: number }
  | { readonly kind: 'data-mismatch'; readonly mask: number }
  | { readonly kind: 'pass' };

/**
 * vfio_ath_quirk_write for one 4-byte write at window offset `addr`, with msi_data_addr `armed` (window
 * offset, 0 = idle). 'address': the value equals the guest MSI address — substitute the physical address
 * and arm addr + 8. 'data': the armed slot with the guest data base — substitute the physical data plus the
 * vector offset. 'data-mismatch': the armed slot with another value — left alone. Both data cases disarm.
 */
export function quirkStep(addr: number, value: number, armed: number, msi: GuestMsiView): QuirkStep {
  if (!msi.enabled) return { kind: 'pass' };
  if (value >>> 0 === msi.address >>> 0) return { kind: 'address', armed: addr + 8 };
  if (armed !== 0 && armed === addr) {
    const mask = msi.vectors - 1;
    if ((value & ~mask) >>> 0 === msi.data) return { kind: 'data', vectorOffset: value & mask };
    return { kind: 'data-mismatch', mask };
  }
  return { kind: 'pass' };
}
