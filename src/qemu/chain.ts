/**
 * vfio_add_capabilities: QEMU rebuilds both capability chains from the VMM view. Every walked capability's
 * next pointer becomes emulated (so dropping one is only a pointer change), the PCIe capability is
 * converted for the VM topology (vfio_setup_pcie_cap, pcie-cap.ts), and vfio_add_ext_cap drops kernel-
 * masked, SR-IOV and ARI extended capabilities and emulates Resizable BAR (rebar.ts).
 */
import { readLE, writeLE } from '../util/bytes';
import type { QemuTopology, QemuVfioPci } from './config';
import { msiCapSize } from './msi-emulation';
import { setupPcie } from './pcie-cap';
import { setupRebar } from './rebar';
import type { QemuRules } from './version';

export interface DroppedCap {
  readonly offset: number;
  readonly id: number;
  readonly extended: boolean;
  readonly why: string;
}

export interface FoundCap {
  readonly offset: number;
  readonly id: number;
  /** vfio_std_cap_max_size / vfio_ext_cap_max_size: up to the next higher capability, 0x100 or the end. */
  readonly size: number;
}

const PCI_CAPABILITY_LIST = 0x34;
const PCI_STATUS = 0x06;
const PCI_STATUS_CAP_LIST = 0x10;
const PCI_CAP_ID_PM = 0x01;
const PCI_CAP_ID_MSI = 0x05;
const PCI_CAP_ID_EXP = 0x10;
const PCI_CAP_ID_MSIX = 0x11;
const PCI_PM_SIZEOF = 8;
const PCI_PM_CTRL = 4;
const PCI_PM_CTRL_STATE_MASK = 0x0003;
const MSIX_CAP_LENGTH = 12;
const PCI_EXT_CAP_NEXT_MASK = 0xffc00000;
const PCI_EXT_CAP_ID_ARI = 0x0e;
const PCI_EXT_CAP_ID_SRIOV = 0x10;
const PCI_EXT_CAP_ID_REBAR = 0x15;
const WHY_STD_CHAIN =
  'vfio_add_std_cap: QEMU rebuilds the capability list, so the pointer to the first capability, STATUS.CAP_LIST and every next pointer are its own (a dropped capability is only a pointer change).';
const WHY_EXT_CHAIN =
  'vfio_add_ext_cap: every extended next pointer is QEMU’s, so SR-IOV, ARI and kernel-masked capabilities can be left out.';
const WHY_EXT_HEAD =
  'vfio_add_ext_cap: the whole header at 0x100 is QEMU’s; when the first capability is dropped it reads ID 0, version 0, with a valid next pointer.';
/** vfio_add_ext_cap seeds 0x100 with PCI_EXT_CAP(0xFFFF, 0, 0) so later capabilities can be linked from it. */
const EXT_CHAIN_SEED = 0x0000ffff;

/** The VMM view's standard chain, in order, each sized up to the next higher capability or 0x100. */
function standardChain(copy: Uint8Array): FoundCap[] {
  if (!(readLE(copy, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST)) return [];
  const seen = new Set<number>();
  const found: { offset: number; id: number }[] = [];
  for (let pos = copy[PCI_CAPABILITY_LIST] & ~3; pos >= 0x40 && !seen.has(pos); pos = copy[pos + 1] & ~3) {
    seen.add(pos);
    found.push({ offset: pos, id: copy[pos] });
  }
  const offsets = found.map((f) => f.offset);
  return found.map((f) => ({
    ...f,
    size: Math.min(...offsets.filter((o) => o > f.offset), 0x100) - f.offset,
  }));
}

function extendedChain(copy: Uint8Array): (FoundCap & { version: number })[] {
  const found: { offset: number; id: number; version: number }[] = [];
  const seen = new Set<number>();
  for (let pos = 0x100; pos >= 0x100 && pos + 4 <= copy.length && !seen.has(pos);) {
    const header = readLE(copy, pos, 4);
    seen.add(pos);
    found.push({ offset: pos, id: header & 0xffff, version: (header >>> 16) & 0xf });
    pos = (header >>> 20) & 0xffc;
  }
  const offsets = found.map((f) => f.offset);
  return found.map((f) => ({
    ...f,
    size: Math.min(...offsets.filter((o) => o > f.offset), copy.length) - f.offset,
  }));
}

/** How many bytes pci_add_capability covers (and makes read-only) for each kind of capability. */
function addedLength(q: QemuVfioPci, cap: FoundCap, rules: QemuRules): number {
  if (cap.id === PCI_CAP_ID_MSI) return msiCapSize(readLE(q.copy, cap.offset + 2, 2)); // msi_init
  if (cap.id === PCI_CAP_ID_MSIX) return MSIX_CAP_LENGTH; // msix_init
  if (cap.id === PCI_CAP_ID_PM && rules.pmStateWritable) return PCI_PM_SIZEOF; // pci_pm_init
  return cap.size;
}

/** pci_add_capability: link at the head of the chain (so tail-first adds keep the order), read-only. */
function pciAddCapability(q: QemuVfioPci, offset: number, length: number): void {
  q.copy[offset + 1] = q.copy[PCI_CAPABILITY_LIST];
  q.copy[PCI_CAPABILITY_LIST] = offset;
  q.copy[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
  q.wmask.fill(0, offset, offset + length);
}

export function buildChains(q: QemuVfioPci, topology: QemuTopology, rules: QemuRules) {
  const dropped: DroppedCap[] = [];
  let msiCap = -1;
  let msixCap = -1;
  const chain = standardChain(q.copy);
  if (chain.length) {
    // vfio_add_std_cap recurses to the tail, starts an emulated empty list there, then adds on the way back.
    q.copy[PCI_CAPABILITY_LIST] = 0;
    q.markEmulated(PCI_CAPABILITY_LIST, 1, 0xff, WHY_STD_CHAIN);
    q.markEmulated(PCI_STATUS, 1, PCI_STATUS_CAP_LIST, WHY_STD_CHAIN);
    for (const cap of [...chain].reverse()) {
      q.markEmulated(cap.offset + 1, 1, 0xff, WHY_STD_CHAIN); // even a hidden capability keeps one
      if (cap.id === PCI_CAP_ID_EXP) {
        const hidden = setupPcie(q, cap, topology);
        if (hidden) {
          dropped.push({ offset: cap.offset, id: cap.id, extended: false, why: hidden });
          continue;
        }
      }
      if (cap.id === PCI_CAP_ID_MSI) msiCap = cap.offset;
      if (cap.id === PCI_CAP_ID_MSIX) msixCap = cap.offset;
      pciAddCapability(q, cap.offset, addedLength(q, cap, rules));
      if (cap.id === PCI_CAP_ID_PM && rules.pmStateWritable)
        writeLE(q.wmask, cap.offset + PCI_PM_CTRL, 2, PCI_PM_CTRL_STATE_MASK);
    }
  }
  // vfio_add_ext_cap: the device and its bus must be express and dword 0x100 non-zero. Whether the PCIe
  // capability itself survived is not asked, so a hidden one (legacy endpoint on the q35 root bus) still
  // gets the rebuilt extended chain.
  const expressBus = topology !== 'i440fx';
  if (chain.length && expressBus && q.size > 0x100 && readLE(q.copy, 0x100, 4) !== 0)
    addExtended(q, dropped, rules);
  return { dropped, msiCap, msixCap };
}

function extendedDropReason(id: number, rules: QemuRules): string | null {
  if (id === 0) return 'hidden by the kernel (ID 0)';
  if (id === PCI_EXT_CAP_ID_SRIOV)
    return 'SR-IOV is never exposed to a guest (read-only VF BARs confuse OVMF)';
  if (id === PCI_EXT_CAP_ID_ARI)
    return 'ARI is never exposed to a guest (its next-function field is not virtualized)';
  if (id === PCI_EXT_CAP_ID_REBAR && rules.rebar === 'drop')
    return `QEMU ${rules.version}: Resizable BAR is hidden — it cannot be shown read-only before QEMU 8.1`;
  return null;
}

/** pcie_add_capability: append at the tail of the live chain with next 0; the capability turns read-only. */
function pcieAddCapability(q: QemuVfioPci, cap: FoundCap & { version: number }): void {
  if (cap.offset !== 0x100) {
    let prev = 0x100;
    for (
      let next = (readLE(q.copy, 0x100, 4) >>> 20) & 0xffc;
      next;
      next = (readLE(q.copy, next, 4) >>> 20) & 0xffc
    )
      prev = next;
    const header = readLE(q.copy, prev, 4);
    writeLE(q.copy, prev, 4, ((header & ~PCI_EXT_CAP_NEXT_MASK) | (cap.offset << 20)) >>> 0);
  }
  writeLE(q.copy, cap.offset, 4, (cap.id | (cap.version << 16)) >>> 0);
  q.wmask.fill(0, cap.offset, cap.offset + cap.size);
  q.w1cmask.fill(0, cap.offset, cap.offset + cap.size);
}

function addExtended(q: QemuVfioPci, dropped: DroppedCap[], rules: QemuRules): void {
  const caps = extendedChain(q.copy); // walked on a copy taken before the head is reseeded
  writeLE(q.copy, 0x100, 4, EXT_CHAIN_SEED);
  writeLE(q.wmask, 0x100, 4, 0);
  q.markEmulated(0x100, 4, 0xffffffff, WHY_EXT_HEAD);
  for (const c of caps) {
    q.markEmulated(c.offset, 4, PCI_EXT_CAP_NEXT_MASK, WHY_EXT_CHAIN);
    let why = extendedDropReason(c.id, rules);
    if (!why && c.id === PCI_EXT_CAP_ID_REBAR && !setupRebar(q, c.offset, rules))
      why = `a BAR's current size has no bit in QEMU ${rules.version}'s PCI_REBAR_CAP_SIZES (0x${rules.rebarCapSizes.toString(16)}): Resizable BAR hidden`;
    if (why) dropped.push({ offset: c.offset, id: c.id, extended: true, why });
    else pcieAddCapability(q, c);
  }
  // An untouched seed means the first capability was dropped: its ID becomes 0, keeping the next pointer.
  if (readLE(q.copy, 0x100, 2) === 0xffff) writeLE(q.copy, 0x100, 2, 0);
}
