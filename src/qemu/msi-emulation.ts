/** hw/pci/msi.c msi_init and hw/pci/msix.c msix_init as QEMU runs them for vfio (vfio_msi_setup, vfio_msix_setup). */
import { readLE, writeLE } from '../util/bytes';
import type { QemuVfioPci } from './config';

export interface MsiEmulation {
  readonly cap: number;
  readonly is64: boolean;
  readonly maskbit: boolean;
  /** Multiple Message Capable, as a count. */
  readonly entries: number;
  /** msi_cap_size: 0x0A, +0x04 for 64-bit, +0x0A with masking. */
  readonly size: number;
}

export interface MsixEmulation {
  readonly cap: number;
  readonly entries: number;
  readonly tableBar: number;
  readonly tableOffset: number;
  readonly pbaBar: number;
  readonly pbaOffset: number;
}

const WHY_MSI =
  'msi_init / vfio_pci_interrupt_setup: QEMU emulates the whole MSI capability; the guest never sees the device’s registers, and enabling it makes QEMU call VFIO_DEVICE_SET_IRQS.';
const WHY_MSIX =
  'msix_init / vfio_pci_interrupt_setup: QEMU emulates the 12-byte MSI-X capability (the table lives in QEMU’s memory).';

/** msi_cap_sizeof: 0x0A, +0x04 for 64-bit, +0x0A with per-vector masking. */
export function msiCapSize(flags: number): number {
  return 0x0a + (flags & 0x100 ? 0x0a : 0) + (flags & 0x80 ? 0x04 : 0);
}

/** The guest sees the hardware's shape (offset, 64-bit, masking, MMC) with QEMU's own, zeroed contents. */
export function initMsi(q: QemuVfioPci, cap: number): MsiEmulation {
  const ctrl = q.vfio.read(cap + 2, 2);
  const is64 = (ctrl & 0x80) !== 0;
  const maskbit = (ctrl & 0x100) !== 0;
  const entries = 1 << ((ctrl & 0x0e) >> 1);
  const size = msiCapSize(ctrl);
  q.copy.fill(0, cap + 2, cap + size);
  writeLE(q.copy, cap + 2, 2, (ctrl & 0x0e) | (is64 ? 0x80 : 0) | (maskbit ? 0x100 : 0));
  writeLE(q.wmask, cap + 2, 2, 0x0071);
  writeLE(q.wmask, cap + 4, 4, 0xfffffffc);
  if (is64) writeLE(q.wmask, cap + 8, 4, 0xffffffff);
  writeLE(q.wmask, cap + (is64 ? 0x0c : 0x08), 2, 0xffff);
  if (maskbit)
    writeLE(q.wmask, cap + (is64 ? 0x10 : 0x0c), 4, entries === 32 ? 0xffffffff : (1 << entries) - 1);
  q.markEmulated(cap, size, 0, WHY_MSI); // vfio_pci_interrupt_setup: the whole MSI capability is QEMU's
  return { cap, is64, maskbit, entries, size };
}

export function initMsix(q: QemuVfioPci, cap: number): MsixEmulation {
  const ctrl = q.vfio.read(cap + 2, 2);
  const table = q.vfio.read(cap + 4, 4);
  const pba = q.vfio.read(cap + 8, 4);
  const entries = (ctrl & 0x7ff) + 1;
  writeLE(q.copy, cap + 2, 2, entries - 1);
  writeLE(q.copy, cap + 4, 4, table);
  writeLE(q.copy, cap + 8, 4, pba);
  q.wmask.fill(0, cap + 2, cap + 12);
  q.wmask[cap + 3] = 0xc0; // Enable and Function Mask
  q.markEmulated(cap, 12, 0, WHY_MSIX);
  return {
    cap,
    entries,
    tableBar: table & 7,
    tableOffset: (table & ~7) >>> 0,
    pbaBar: pba & 7,
    pbaOffset: (pba & ~7) >>> 0,
  };
}

export function msiVectorsAllocated(copy: Uint8Array, m: MsiEmulation): number {
  return 1 << ((readLE(copy, m.cap + 2, 2) >> 4) & 7);
}

/** msi_get_message: with n > 1 vectors enabled, the low log2(n) bits of data carry the vector number. */
export function msiGetMessage(
  copy: Uint8Array,
  m: MsiEmulation,
  vector: number,
): { address: number; addressHi: number; data: number } {
  const address = readLE(copy, m.cap + 4, 4);
  const addressHi = m.is64 ? readLE(copy, m.cap + 8, 4) : 0;
  let data = readLE(copy, m.cap + (m.is64 ? 0x0c : 0x08), 2);
  const n = msiVectorsAllocated(copy, m);
  if (n > 1) data = (data & ~(n - 1)) | (vector & (n - 1));
  return { address, addressHi, data };
}
