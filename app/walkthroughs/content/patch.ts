/**
 * The RFC's hunks as the project reads them: where each one sits (file and function, never the patch's
 * text), what it means, and the effects it has — each effect an engine call the patch panel runs on the
 * current device and kernel, beside what the RFC kernel answers for a device with MSI.
 */

/** An engine call the panel makes; see patch-effects.ts. */
export type PatchCall =
  | {
      readonly kind: 'feature';
      readonly op: 'probe' | 'get' | 'set';
      /** `without-msi`: the same device with its capability list switched off; `after-set`: SET done first. */
      readonly device: 'this' | 'without-msi' | 'after-set';
    }
  | { readonly kind: 'read-after-set' }
  | { readonly kind: 'write-after-set' };

export interface PatchEffect {
  readonly claim: string;
  readonly call: PatchCall;
  /** What the v6.11+RFC kernel gives for a device with MSI: a return value, or a mask (see the call). */
  readonly rfcAnswer: number;
}

export interface PatchHunk {
  /** File and function the hunk changes. */
  readonly where: string;
  readonly meaning: string;
  /** Whether the panel also lists the permission bits the hunk changes (from the engine's diff). */
  readonly showsBits: boolean;
  readonly effects: readonly PatchEffect[];
}

const ENOTTY = -25;
const EINVAL = -22;

export const PATCH_HUNKS: readonly PatchHunk[] = [
  {
    where: 'drivers/vfio/pci/vfio_pci_config.c — new vfio_pci_msi_novirt()',
    meaning:
      'Reads the MSI flags from the device, then edits this device’s own MSI permission table: the low ' +
      'address dword loses its virtual and writable masks (p_setd); with the 64-bit flag the high dword ' +
      'and the 16-bit data at offset 0x0c follow (p_setd, p_setw), without it the data at 0x08 (p_setw). ' +
      'A missing table is answered with -EINVAL.',
    showsBits: true,
    effects: [
      {
        claim:
          'The -EINVAL for a missing table cannot be reached: the only caller has already answered -ENOTTY ' +
          'when there is no MSI table.',
        call: { kind: 'feature', op: 'set', device: 'without-msi' },
        rfcAnswer: ENOTTY,
      },
    ],
  },
  {
    where:
      'drivers/vfio/pci/vfio_pci_core.c — new vfio_pci_core_feature_msi_novirt(), a case in vfio_pci_core_ioctl_feature()',
    meaning:
      'Routes feature 11 to a handler that first checks for an MSI table (none: -ENOTTY), then lets ' +
      'vfio_check_feature() accept SET alone, needing no payload, and finally calls the config-side helper.',
    showsBits: false,
    effects: [
      {
        claim: 'Without MSI the answer is -ENOTTY even for PROBE: the table check comes before the flags.',
        call: { kind: 'feature', op: 'probe', device: 'without-msi' },
        rfcAnswer: ENOTTY,
      },
      {
        claim: 'With MSI, PROBE succeeds — a VMM can ask before it commits.',
        call: { kind: 'feature', op: 'probe', device: 'this' },
        rfcAnswer: 0,
      },
      {
        claim: 'GET is refused with -EINVAL: a VMM cannot ask whether the feature is already on.',
        call: { kind: 'feature', op: 'get', device: 'this' },
        rfcAnswer: EINVAL,
      },
      {
        claim: 'SET succeeds and changes the table.',
        call: { kind: 'feature', op: 'set', device: 'this' },
        rfcAnswer: 0,
      },
      {
        claim:
          'A second SET succeeds again and changes nothing: there is no call that turns virtualization back ' +
          'on; only a fresh open of the device rebuilds the table.',
        call: { kind: 'feature', op: 'set', device: 'after-set' },
        rfcAnswer: 0,
      },
    ],
  },
  {
    where: 'drivers/vfio/pci/vfio_pci_priv.h — declaration of vfio_pci_msi_novirt()',
    meaning: 'Makes the config-side helper visible to the core file; no behaviour of its own.',
    showsBits: false,
    effects: [],
  },
  {
    where: 'include/uapi/linux/vfio.h — VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT (11) and its comment',
    meaning:
      'Defines feature number 11 and documents it: by default the address and data are emulated, a write ' +
      'kept and read back; once SET, reads show the device’s values and writes are ignored. Upstream ' +
      'later gave number 11 to DMA_BUF; the RFC was never merged.',
    showsBits: false,
    effects: [
      {
        claim: 'After SET, the MSI address is read from the device: no bit of it comes from vconfig.',
        call: { kind: 'read-after-set' },
        rfcAnswer: 0,
      },
      {
        claim: 'After SET, a write to the MSI address is dropped: every bit of it is discarded.',
        call: { kind: 'write-after-set' },
        rfcAnswer: 0xffffffff,
      },
    ],
  },
];
