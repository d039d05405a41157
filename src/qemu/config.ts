/**
 * QEMU's vfio-pci device as the guest sees it (hw/vfio/pci.c): a copy of config space (PCIDevice.config)
 * merged bit by bit with the vfio config region under `emulated_config_bits`. Built at realize from the
 * VMM view; guest writes go to the vfio region first, then into the copy through wmask/w1cmask, and
 * MSI/MSI-X enable edges are reported for the interrupt model to act on.
 */
import { readLE, sizeMask, writeLE } from '../util/bytes';
import { errnoError, EINVAL } from '../errors';
import type { ReadDetail, VfioDevice, WriteDetail } from '../vfio/device';
import { buildChains, type DroppedCap } from './chain';
import { qemuRules, type QemuRules, type QemuVersion } from './version';
import {
  initMsi,
  initMsix,
  msiGetMessage,
  msiVectorsAllocated,
  type MsiEmulation,
  type MsixEmulation,
} from './msi-emulation';

export type QemuTopology = 'q35-root' | 'q35-root-port' | 'i440fx';

export interface QemuOptions {
  /** Where the device sits in the VM: on the q35 root bus (default), behind a root port, or on i440fx. */
  readonly topology?: QemuTopology;
  /** The QEMU release whose rules apply (version.ts); default the RFC's base, 9.1. */
  readonly version?: QemuVersion;
}

export interface GuestRead {
  readonly value: number;
  /** Bits served from QEMU's copy (emulated_config_bits = 1). */
  readonly fromQemu: number;
  /** Bits served by the vfio region, split further by the kernel. */
  readonly fromVconfig: number;
  readonly fromHardware: number;
  /** The kernel access, when one was needed (no access when every bit is emulated). */
  readonly vfio: ReadDetail | null;
}

export type IrqTransition =
  'msi-enable' | 'msi-disable' | 'msi-update' | 'msix-enable' | 'msix-disable' | null;

export interface GuestWrite {
  readonly vfio: WriteDetail;
  /** Bits of QEMU's copy the write changed. */
  readonly qemuChanged: number;
  readonly transition: IrqTransition;
}

const PCI_COMMAND = 0x04;
const WHY_BARS =
  'vfio_pci_config_setup: the BARs are QEMU’s registers (it registers, sizes and may relocate them); the guest never reads the host addresses.';
const WHY_ROM = 'vfio_pci_config_setup: the ROM BAR is QEMU’s (it chooses whether to expose the option ROM).';
const WHY_MULTIFUNCTION =
  'vfio_pci_config_setup: the multifunction bit is QEMU’s choice for the VM’s slot, not the host’s.';
/** PCI_COMMAND_IO | MEMORY | MASTER | INTX_DISABLE | SERR: PARITY (0x40) is not writable in QEMU's copy. */
export const QEMU_COMMAND_WMASK = 0x0001 | 0x0002 | 0x0004 | 0x0400 | 0x0100;
/** PARITY | SIG_TARGET_ABORT | REC_TARGET_ABORT | REC_MASTER_ABORT | SIG_SYSTEM_ERROR | DETECTED_PARITY. */
export const QEMU_STATUS_W1CMASK = 0x0100 | 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x8000;

const overlaps = (a: number, alen: number, b: number, blen: number) => a < b + blen && b < a + alen;

export class QemuVfioPci {
  readonly size: number;
  readonly copy: Uint8Array;
  readonly wmask: Uint8Array;
  readonly w1cmask: Uint8Array;
  readonly emulated: Uint8Array;
  readonly msi: MsiEmulation | null;
  readonly msix: MsixEmulation | null;
  /** Capabilities QEMU left out of the guest's chains, with the reason. */
  readonly dropped: readonly DroppedCap[];
  readonly rules: QemuRules;
  /** Why each emulated area is QEMU's: the rule that marked it (whyEmulated reads these). */
  readonly reasons: { offset: number; length: number; mask: number; why: string }[] = [];

  constructor(
    readonly vfio: VfioDevice,
    options: QemuOptions = {},
  ) {
    this.rules = qemuRules(options.version);
    // A conventional (i440fx) slot gives the guest only the 256-byte space.
    this.size = options.topology === 'i440fx' ? Math.min(256, vfio.cfgSize) : vfio.cfgSize;
    // vfio_realize: one pread of the whole space.
    this.copy = vfio.readBlock(0, this.size).bytes;
    this.wmask = new Uint8Array(this.size);
    this.w1cmask = new Uint8Array(this.size);
    this.emulated = new Uint8Array(this.size);
    this.initHeader();
    const chains = buildChains(this, options.topology ?? 'q35-root', this.rules);
    this.dropped = chains.dropped;
    this.msi = chains.msiCap >= 0 ? initMsi(this, chains.msiCap) : null;
    this.msix = chains.msixCap >= 0 ? initMsix(this, chains.msixCap) : null;
  }

  /**
   * pci_init_wmask / pci_init_w1cmask (hw/pci/pci.c), BAR registration, the emulated header bits of
   * vfio_realize (vfio_pci_config_setup from 10.0). The COMMAND wmask has been the same since QEMU 5.0
   * made SERR unconditional; it only shapes QEMU's own copy (BAR mapping, bus mastering): the guest reads
   * COMMAND from the vfio region, where the kernel's permission table decides.
   */
  private initHeader(): void {
    writeLE(this.wmask, PCI_COMMAND, 2, QEMU_COMMAND_WMASK);
    this.wmask[0x0c] = 0xff; // cache line size
    this.wmask[0x3c] = 0xff; // interrupt line
    this.wmask.fill(0xff, 64); // everything after the header until a capability claims it
    writeLE(this.w1cmask, 0x06, 2, QEMU_STATUS_W1CMASK);
    this.markEmulated(0x10, 24, 0, WHY_BARS);
    this.markEmulated(0x30, 4, 0xffffffff, WHY_ROM);
    this.copy.fill(0, 0x10, 0x28);
    this.copy.fill(0, 0x30, 0x34);
    this.markEmulated(0x0e, 1, 0x80, WHY_MULTIFUNCTION);
    this.copy[0x0e] &= 0x7f;
    for (let i = 0; i < 6; i++) {
      const res = this.vfio.resources.find((r) => r.index === i);
      if (!res) continue;
      const off = 0x10 + 4 * i;
      const flags = res.type === 'io' ? 1 : (res.prefetch ? 8 : 0) | (res.type === 'mem64' ? 4 : 0);
      const mask = Number(~(BigInt(res.size) - 1n) & 0xffffffffn) & (res.type === 'io' ? ~3 : ~0xf);
      writeLE(this.copy, off, 4, flags);
      writeLE(this.wmask, off, 4, mask >>> 0);
      if (res.type === 'mem64' && i < 5)
        writeLE(this.wmask, off + 4, 4, Number((~(BigInt(res.size) - 1n) >> 32n) & 0xffffffffn));
    }
    const rom = this.vfio.resources.find((r) => r.index === 6 && r.size);
    writeLE(this.wmask, 0x30, 4, rom ? ((~(rom.size - 1) >>> 0) | 1) >>> 0 : 0);
  }

  /**
   * vfio_add_emulated_word/long: QEMU's copy takes `value` under `mask`, those bits become emulated, and
   * the register's whole wmask becomes ~mask (the emulated bits read-only; pci_add_capability later zeroes
   * a kept capability's wmask anyway).
   */
  emulate(offset: number, size: 2 | 4, value: number, mask: number, why: string): void {
    const cur = readLE(this.copy, offset, size);
    writeLE(this.copy, offset, size, ((cur & ~mask) | (value & mask)) >>> 0);
    writeLE(this.wmask, offset, size, ~mask >>> 0);
    this.markEmulated(offset, size, mask, why);
  }

  /** Serve these bits from QEMU's copy (emulated_config_bits), remembering which rule said so. */
  markEmulated(offset: number, length: number, mask: number, why: string): void {
    if (length <= 4) {
      writeLE(this.emulated, offset, length, (readLE(this.emulated, offset, length) | mask) >>> 0);
    } else {
      this.emulated.fill(0xff, offset, offset + length); // whole-area rules (BARs, MSI) take every bit
    }
    this.reasons.push({ offset, length, mask: length <= 4 ? mask >>> 0 : 0xffffffff, why });
  }

  /** The rules that make any bit of [offset, offset+size) come from QEMU's copy, each naming its QEMU function. */
  whyEmulated(offset: number, size: number): string[] {
    const out = new Set<string>();
    for (const r of this.reasons) {
      for (let o = Math.max(offset, r.offset); o < Math.min(offset + size, r.offset + r.length); o++) {
        const bits = r.length <= 4 ? (r.mask >>> (8 * (o - r.offset))) & 0xff : 0xff;
        if (bits & this.emulated[o]) out.add(r.why);
      }
    }
    return [...out];
  }

  private check(addr: number, len: number): void {
    if (
      !Number.isInteger(addr) ||
      !Number.isInteger(len) ||
      len < 1 ||
      len > 4 ||
      addr < 0 ||
      addr + len > this.size
    ) {
      throw errnoError(
        -EINVAL,
        `guest config access of ${String(len)} byte(s) at ${String(addr)} is outside the ${this.size}-byte config space`,
      );
    }
  }

  /** vfio_pci_read_config. */
  readConfig(addr: number, len: number): GuestRead {
    this.check(addr, len);
    const full = sizeMask(len);
    const emu = readLE(this.emulated, addr, len);
    const ev = readLE(this.copy, addr, len) & emu;
    if (emu === full) return { value: ev >>> 0, fromQemu: full, fromVconfig: 0, fromHardware: 0, vfio: null };
    const vfio = this.vfio.readDetailed(addr, len);
    return {
      value: (ev | (vfio.value & ~emu)) >>> 0,
      fromQemu: emu,
      fromVconfig: (vfio.fromVconfig & ~emu) >>> 0,
      fromHardware: (vfio.fromHardware & ~emu) >>> 0,
      vfio,
    };
  }

  /**
   * What the guest reads across the whole space, given one block read of the vfio region (`region`, from
   * offset 0): per bit, QEMU's emulated copy or the region, as vfio_pci_read_config merges them. Equal to
   * dword-by-dword readConfig once the region has been read, because vfio's reads are idempotent (the one
   * read with an effect, the BAR fixup, settles on the first read).
   */
  guestView(region: Uint8Array): { bytes: Uint8Array; fromQemu: Uint8Array } {
    const bytes = new Uint8Array(this.size);
    for (let o = 0; o < this.size; o++)
      bytes[o] = (this.copy[o] & this.emulated[o]) | (region[o] & ~this.emulated[o]);
    return { bytes, fromQemu: this.emulated.slice() };
  }

  /** pci_default_write_config: the copy changes only through wmask; W1C bits clear. */
  private defaultWrite(addr: number, len: number, val: number): number {
    let changed = 0;
    for (let i = 0; i < len; i++) {
      const v = (val >>> (8 * i)) & 0xff;
      const o = addr + i;
      const before = this.copy[o];
      let next = (before & ~this.wmask[o]) | (v & this.wmask[o]);
      next &= ~(v & this.w1cmask[o]);
      this.copy[o] = next;
      changed |= (before ^ next) << (8 * i);
    }
    return changed >>> 0;
  }

  /** vfio_pci_write_config: the vfio region first, then QEMU's copy and the MSI/MSI-X edges. */
  writeConfig(addr: number, len: number, val: number): GuestWrite {
    this.check(addr, len);
    const vfio = this.vfio.writeDetailed(addr, len, val >>> 0);
    let transition: IrqTransition = null;
    let qemuChanged: number;
    if (this.msi && overlaps(addr, len, this.msi.cap, this.msi.size)) {
      const was = this.msiEnabled();
      qemuChanged = this.defaultWrite(addr, len, val);
      this.clampMme();
      const now = this.msiEnabled();
      transition = !was && now ? 'msi-enable' : was && !now ? 'msi-disable' : now ? 'msi-update' : null;
    } else if (this.msix && overlaps(addr, len, this.msix.cap, 12)) {
      const was = this.msixEnabled();
      qemuChanged = this.defaultWrite(addr, len, val);
      const now = this.msixEnabled();
      transition = !was && now ? 'msix-enable' : was && !now ? 'msix-disable' : null;
    } else {
      qemuChanged = this.defaultWrite(addr, len, val);
    }
    return { vfio, qemuChanged, transition };
  }

  /** msi_write_config: an enabled MME never exceeds MMC. */
  private clampMme(): void {
    const m = this.msi!;
    const flags = readLE(this.copy, m.cap + 2, 2);
    const mmc = (flags >> 1) & 7;
    if (flags & 1 && ((flags >> 4) & 7) > mmc) writeLE(this.copy, m.cap + 2, 2, (flags & ~0x70) | (mmc << 4));
  }

  msiEnabled(): boolean {
    return !!this.msi && (this.copy[this.msi.cap + 2] & 1) === 1;
  }
  msixEnabled(): boolean {
    return !!this.msix && (this.copy[this.msix.cap + 3] & 0x80) !== 0;
  }
  /** msi_nr_vectors_allocated: 1 << MME of QEMU's copy. */
  msiVectors(): number {
    return this.msi ? msiVectorsAllocated(this.copy, this.msi) : 0;
  }
  /** msi_get_message(v): the guest's address/data for vector v. */
  msiMessage(vector: number): { address: number; addressHi: number; data: number } {
    if (!this.msi) throw errnoError(-EINVAL, 'the device has no MSI capability');
    return msiGetMessage(this.copy, this.msi, vector);
  }
}
