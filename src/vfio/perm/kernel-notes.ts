/**
 * Which kernel a byte's rule belongs to, for the bytes where the modelled kernels differ: the PCIe
 * capability's tail (PCI_CAP_EXP_ENDPOINT_SIZEOF_V2) and the MSI address/data the RFC's feature 11 edits.
 */
import { msiDataOffset, PCI_CAP_ID_MSI, PCI_MSI_ADDRESS_LO, PCI_MSI_FLAGS } from '../../pci/caps/msi';
import { PCI_CAP_ID_EXP } from '../../pci/caps/pcie';
import { citeCommit, COMMITS, KERNELS } from '../kernel';
import { findCapStart } from '../map';
import type { VfioState } from '../state';

/** PCI_EXP_LNKCAP2: where v2 "no link" capabilities end and the link-2 registers start. */
const LNKCAP2 = 0x2c;
/** The most any kernel's PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 covers (52 and 0x34). */
const EXP_V2_MAX = 0x34;
const hex = (n: number) => `0x${n.toString(16)}`;

function expNote(s: VfioState, pos: number): string | null {
  const k = s.kernel;
  const inside = s.map[pos] === PCI_CAP_ID_EXP;
  // The PCIe capability this byte is in, or the one whose end it follows.
  let last = pos;
  if (!inside) while (last > pos - (EXP_V2_MAX - LNKCAP2) && s.map[last] !== PCI_CAP_ID_EXP) last--;
  if (s.map[last] !== PCI_CAP_ID_EXP) return null;
  const start = findCapStart(s, last);
  let end = last;
  while (s.map[end + 1] === PCI_CAP_ID_EXP) end++;
  const len = end - start + 1;
  const off = pos - start;
  if (len !== k.expEndpointSizeofV2 || off < LNKCAP2 || off >= EXP_V2_MAX) return null;
  const size = `PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 is ${hex(len)} on ${k.label}, from ${citeCommit(k.expEndpointSizeofV2Commit)}`;
  if (inside)
    return `${size}: this byte is inside the PCIe capability, with no table entry, so it reads the device and drops writes.`;
  return `${size}: this byte is just past the PCIe capability, so it is unassigned and raw both ways; ${KERNELS['v7.0'].label} maps it again (${citeCommit(COMMITS.expSizeofFixed)}).`;
}

function msiNote(s: VfioState, pos: number): string | null {
  // The RFC edits the table of the capability at pdev->msi_cap.
  if (!s.msiCap || s.map[pos] !== PCI_CAP_ID_MSI || findCapStart(s, pos) !== s.msiCap) return null;
  const off = pos - s.msiCap;
  const dataAt = msiDataOffset(s.hw.read(s.msiCap + PCI_MSI_FLAGS, 2));
  if (off < PCI_MSI_ADDRESS_LO || off >= dataAt + 2) return null;
  switch (s.kernel.feature11) {
    case 'msi-novirt':
      return `On ${s.kernel.label} VFIO_DEVICE_FEATURE SET 11 (PCI_MSI_NOVIRT) makes address and data read the device and drop writes: ${citeCommit(COMMITS.msiNovirt)}.`;
    case 'dma-buf':
      return `On ${s.kernel.label} feature 11 is VFIO_DEVICE_FEATURE_DMA_BUF (${citeCommit(COMMITS.dmaBuf)}), GET only: the RFC's SET fails with -EINVAL and these stay virtual.`;
    case 'none':
      return `${s.kernel.label} has no feature 11 (the RFC was not merged): the RFC's call fails with -ENOTTY and these stay virtual.`;
  }
}

/** A sentence naming the kernel version (and commit) the byte's rule belongs to, where kernels differ. */
export function kernelNote(s: VfioState, pos: number): string | null {
  return pos < 256 ? (expNote(s, pos) ?? msiNote(s, pos)) : null;
}
