/**
 * The kernel is a version, not a flag. Every way the modelled kernels differ is a field here, and every
 * field names the commit that made it so; the engine reads these fields, never a version string.
 *
 * - `v6.11-rfc` (default): v6.11, the RFC's base, with Alex Williamson's PCI_MSI_NOVIRT RFC (Aug 2024,
 *   never merged) applied — what the review thread looked at.
 * - `v6.11`: the same kernel without the RFC.
 * - `v7.0`: PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 corrected, and feature number 11 taken by DMA_BUF (v6.19).
 */
import { EngineError } from '../errors';
import type { AppliedPermPatch } from './patch/apply';

export const KERNEL_IDS = ['v6.11-rfc', 'v6.11', 'v7.0'] as const;
export type KernelId = (typeof KERNEL_IDS)[number];
export const DEFAULT_KERNEL: KernelId = 'v6.11-rfc';

/** What VFIO_DEVICE_FEATURE number 11 means in a kernel. */
export type Feature11 = 'none' | 'msi-novirt' | 'dma-buf';

/** A commit (or mail) a rule comes from, as a reviewer would cite it. */
export interface KernelCommit {
  /** Abbreviated upstream hash, or null for a patch that was never merged. */
  readonly hash: string | null;
  readonly subject: string;
  /** First mainline release that has it, or where the unmerged patch was posted. */
  readonly release: string;
}

export const COMMITS = {
  /** Baruch Siach's hex conversion of pci_regs.h turned the decimal 52 into 0x32 while being applied. */
  expSizeofHex: {
    hash: 'fb82437fdd8c',
    subject: 'PCI: Change capability register offsets to hex',
    release: 'v5.17',
  },
  /** Bjorn Helgaas's fix after a VMM (David Woodhouse's report) saw misaligned capabilities. */
  expSizeofFixed: {
    hash: '39195990e4c0',
    subject: 'PCI: Correct PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 value',
    release: 'v7.0',
  },
  /** Leon Romanovsky's dma-buf export: VFIO_DEVICE_FEATURE_DMA_BUF = 11, GET only. */
  dmaBuf: {
    hash: '5d74781ebc86',
    subject: 'vfio/pci: Add dma-buf export support for MMIO regions',
    release: 'v6.19',
  },
  /** vfio_config_init() also hides INTx (pin 0) when the platform routed no IRQ to the device. */
  intxNotConnected: {
    hash: '860be250fc32',
    subject: 'vfio/pci: Handle INTx IRQ_NOTCONNECTED',
    release: 'v6.15',
  },
  /** The RFC under review: feature 11 = PCI_MSI_NOVIRT, SET only. */
  msiNovirt: {
    hash: null,
    subject: '[RFC/RFT] vfio/pci: Create feature to disable MSI virtualization',
    release: 'posted Aug 2024 against v6.11, not merged',
  },
} as const satisfies Record<string, KernelCommit>;

export interface KernelVersion {
  readonly id: KernelId;
  /** What the UI calls it. */
  readonly label: string;
  /** The mainline release underneath. */
  readonly release: string;
  /**
   * PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 in include/uapi/linux/pci_regs.h: the bytes vfio_cap_len() gives a
   * version-2 PCIe capability that is not a Root Complex Integrated Endpoint. 52 up to v5.16, 0x32 from
   * v5.17 (fb82437fdd8c), 0x34 from v7.0 (39195990e4c0).
   */
  readonly expEndpointSizeofV2: number;
  readonly expEndpointSizeofV2Commit: KernelCommit;
  /**
   * Whether vfio_config_init() zeroes the virtual INTx pin of a device with no routed IRQ (pdev->irq 0 or
   * IRQ_NOTCONNECTED): from v6.15 (860be250fc32); before, only CONFIG_VFIO_PCI_INTX=n and nointx did.
   */
  readonly intxPinHiddenWithoutIrq: boolean;
  /** Feature 11 and where that meaning comes from. */
  readonly feature11: Feature11;
  readonly feature11Commit: KernelCommit | null;
  /** A what-if permission patch applied on top (src/vfio/patch): its tables and lengths come first. */
  readonly permPatch?: AppliedPermPatch;
}

export const KERNELS: Readonly<Record<KernelId, KernelVersion>> = {
  'v6.11-rfc': {
    id: 'v6.11-rfc',
    label: 'v6.11 + the RFC',
    release: 'v6.11',
    expEndpointSizeofV2: 0x32,
    expEndpointSizeofV2Commit: COMMITS.expSizeofHex,
    intxPinHiddenWithoutIrq: false,
    feature11: 'msi-novirt',
    feature11Commit: COMMITS.msiNovirt,
  },
  'v6.11': {
    id: 'v6.11',
    label: 'v6.11',
    release: 'v6.11',
    expEndpointSizeofV2: 0x32,
    expEndpointSizeofV2Commit: COMMITS.expSizeofHex,
    intxPinHiddenWithoutIrq: false,
    feature11: 'none',
    feature11Commit: null,
  },
  'v7.0': {
    id: 'v7.0',
    label: 'v7.0',
    release: 'v7.0',
    expEndpointSizeofV2: 0x34,
    expEndpointSizeofV2Commit: COMMITS.expSizeofFixed,
    intxPinHiddenWithoutIrq: true,
    feature11: 'dma-buf',
    feature11Commit: COMMITS.dmaBuf,
  },
};

export const isKernelId = (v: unknown): v is KernelId =>
  typeof v === 'string' && (KERNEL_IDS as readonly string[]).includes(v);

export function kernelById(id: string): KernelVersion {
  if (!isKernelId(id))
    throw new EngineError(
      'option',
      `kernel must be one of ${KERNEL_IDS.join(', ')}, not "${id.slice(0, 40)}"`,
    );
  return KERNELS[id];
}

/**
 * The kernel from createVfioDevice's options: `kernel`, or the older `rfc` flag (true: v6.11 + the RFC,
 * false: v6.11). Both given must agree.
 */
export function resolveKernel(o: { readonly kernel?: string; readonly rfc?: boolean }): KernelVersion {
  if (o.rfc !== undefined && typeof o.rfc !== 'boolean')
    throw new EngineError('option', `rfc must be true or false, not ${String(o.rfc)}`);
  if (o.kernel === undefined) return KERNELS[o.rfc === false ? 'v6.11' : DEFAULT_KERNEL];
  const k = kernelById(o.kernel);
  if (o.rfc !== undefined && o.rfc !== (k.feature11 === 'msi-novirt'))
    throw new EngineError(
      'option',
      `rfc: ${String(o.rfc)} contradicts kernel "${k.id}" (${k.feature11 === 'msi-novirt' ? 'which carries' : 'which lacks'} the PCI_MSI_NOVIRT RFC)`,
    );
  return k;
}

/** What feature number 11 is on a kernel, in one sentence for a UI. */
export function describeFeature11(k: KernelVersion): string {
  switch (k.feature11) {
    case 'msi-novirt':
      return `On ${k.label}, 11 is PCI_MSI_NOVIRT (SET only, no payload), from ${citeCommit(COMMITS.msiNovirt)}.`;
    case 'dma-buf':
      return `On ${k.label}, 11 is VFIO_DEVICE_FEATURE_DMA_BUF (GET only, 16-byte argument), from ${citeCommit(COMMITS.dmaBuf)}: the RFC's SET gets -EINVAL.`;
    case 'none':
      return `${k.label} has no feature 11: the RFC (${COMMITS.msiNovirt.release}) is not in it, so every call gets -ENOTTY.`;
  }
}

/** `fb82437fdd8c ("PCI: Change …", v5.17)`, or the subject and where it was posted for an unmerged patch. */
export function citeCommit(c: KernelCommit): string {
  return c.hash ? `${c.hash} ("${c.subject}", ${c.release})` : `"${c.subject}" (${c.release})`;
}
